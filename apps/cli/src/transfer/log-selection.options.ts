import type { LogSelection } from '@partnerships/event-store';
import { CliFailure } from '../cli-failure';

export interface LogSelectionOptions {
  readonly partner?: string;
  readonly from?: string;
  readonly to?: string;
}

/** A date (midnight UTC) or a date and time with `Z` or an offset: an instant whatever the local time zone. */
const instantPattern = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const partnerIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** The selection the options name, refused as one line when an option is malformed. */
export function logSelectionOf(options: LogSelectionOptions): LogSelection {
  const from = options.from === undefined ? undefined : instant(options.from, '--from');
  const to = options.to === undefined ? undefined : instant(options.to, '--to');
  if (from !== undefined && to !== undefined && Date.parse(from) >= Date.parse(to)) {
    throw new CliFailure(`--from ${options.from} is not before --to ${options.to}: the range is empty`);
  }
  if (options.partner !== undefined && !partnerIdPattern.test(options.partner)) {
    throw new CliFailure(`--partner ${JSON.stringify(options.partner)} is not a partner id ([A-Za-z0-9_-], 1 to 64 characters)`);
  }
  return {
    ...(options.partner === undefined ? {} : { partnerId: options.partner }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  };
}

/** The instant as UTC ISO 8601, so that the header says exactly which range was taken. */
function instant(value: string, option: string): string {
  const at = Date.parse(value);
  if (!instantPattern.test(value) || Number.isNaN(at)) {
    throw new CliFailure(`${option} ${JSON.stringify(value)} is not an ISO 8601 instant (2024-03-01, or 2024-03-01T12:00:00Z with Z or an offset)`);
  }
  return new Date(at).toISOString();
}
