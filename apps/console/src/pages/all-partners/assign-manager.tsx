import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { BulkAssignmentResult, TeammateListing } from '../../api/api-types';
import { useSession } from '../../session/session';
import { ProblemMessage } from '../../ui/problem-message';

interface AssignManagerProps {
  readonly partnerIds: readonly string[];
  readonly teammates: readonly TeammateListing[];
  /** Called with the results once the command answered (the table then refreshes from the log). */
  readonly onAssigned: (results: readonly BulkAssignmentResult[]) => void;
}

const RESULT_LABEL = { assigned: 'assigned', unchanged: 'unchanged', failed: 'failed' } as const;

/** The bulk "Assign manager" action: a teammate picker and the per-partner result of the command. */
export function AssignManager({ partnerIds, teammates, onAssigned }: AssignManagerProps) {
  const { api } = useSession();
  const [managerId, setManagerId] = useState('');
  const assign = useMutation({
    mutationFn: () =>
      api.post<{ results: BulkAssignmentResult[] }>('/v1/partners/manager-assignments', { partnerIds, managerId }).then((answer) => answer.results),
    onSuccess: onAssigned,
  });
  const active = teammates.filter((teammate) => teammate.status === 'active');

  return (
    <section className="bulk" aria-label="Bulk actions">
      <span>{partnerIds.length} selected</span>
      <label>
        Manager to assign
        <select value={managerId} onChange={(event) => setManagerId(event.target.value)}>
          <option value="">Choose a teammate…</option>
          {active.map((teammate) => (
            <option key={teammate.teammateId} value={teammate.teammateId}>
              {teammate.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" disabled={partnerIds.length === 0 || managerId === '' || assign.isPending} onClick={() => assign.mutate()}>
        Assign manager
      </button>
      <ProblemMessage error={assign.error} />
      {assign.data !== undefined && (
        <div role="status" aria-label="Assignment results">
          <ul className="results">
            {assign.data.map((result) => (
              <li key={result.partnerId} data-result={result.status}>
                {result.partnerId}: {RESULT_LABEL[result.status]}
                {result.error !== undefined && ` — ${result.error.title}: ${result.error.detail}`}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
