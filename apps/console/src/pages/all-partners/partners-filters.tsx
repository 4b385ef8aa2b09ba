import type { TeammateListing } from '../../api/api-types';
import { PARTNER_TYPES, PARTNERSHIP_STATUSES } from '../../api/domain-values';
import type { PartnersFilter } from './partners-query';

interface PartnersFiltersProps {
  readonly filter: PartnersFilter;
  readonly teammates: readonly TeammateListing[];
  readonly onChange: (filter: PartnersFilter) => void;
}

/** The filters of All Partners; every change goes to the URL, so a view can be shared. */
export function PartnersFilters({ filter, teammates, onChange }: PartnersFiltersProps) {
  const set = (field: keyof PartnersFilter, value: string) => onChange({ ...filter, [field]: value === '' ? undefined : value });
  return (
    <form className="filters" role="search" aria-label="Filter partners" onSubmit={(event) => event.preventDefault()}>
      <label>
        Partner Manager
        <select value={filter.managerId ?? ''} onChange={(event) => set('managerId', event.target.value)}>
          <option value="">Any manager</option>
          <option value="unassigned">Unassigned</option>
          {teammates.map((teammate) => (
            <option key={teammate.teammateId} value={teammate.teammateId}>
              {teammate.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select value={filter.status ?? ''} onChange={(event) => set('status', event.target.value)}>
          <option value="">Any status</option>
          {PARTNERSHIP_STATUSES.map((status) => (
            <option key={status}>{status}</option>
          ))}
        </select>
      </label>
      <label>
        Type
        <select value={filter.type ?? ''} onChange={(event) => set('type', event.target.value)}>
          <option value="">Any type</option>
          {PARTNER_TYPES.map((type) => (
            <option key={type}>{type}</option>
          ))}
        </select>
      </label>
      <label>
        Tier
        <input value={filter.tier ?? ''} onChange={(event) => set('tier', event.target.value)} placeholder="e.g. gold" />
      </label>
      <label>
        Search
        <input type="search" value={filter.q ?? ''} onChange={(event) => set('q', event.target.value)} placeholder="Partner name" />
      </label>
      <label>
        Sort amounts in
        <input
          className="currency"
          defaultValue={filter.currency ?? 'USD'}
          maxLength={3}
          pattern="[A-Za-z]{3}"
          title="An ISO 4217 code such as USD"
          onChange={(event) => {
            const code = event.target.value.toUpperCase();
            // Only a whole code reaches the URL (and the API); USD is the API's default.
            if (/^[A-Z]{3}$/.test(code)) set('currency', code === 'USD' ? '' : code);
          }}
        />
      </label>
    </form>
  );
}
