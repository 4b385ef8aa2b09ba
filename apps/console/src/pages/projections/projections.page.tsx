import { useMutation, useQuery } from '@tanstack/react-query';
import type { HostedProjectionStatus } from '../../api/api-types';
import { useMay, useSession } from '../../session/session';
import { ProblemMessage } from '../../ui/problem-message';

/** While a rebuild runs, progress is polled this often. */
const REBUILD_POLL_MS = 500;

/** Projections: state, position, lag; for an admin a rebuild with its live progress. */
export function ProjectionsPage() {
  const { api } = useSession();
  const mayRebuild = useMay('operate-projections');
  const projections = useQuery({
    queryKey: ['projections'],
    queryFn: () => api.get<{ items: HostedProjectionStatus[] }>('/v1/projections').then((answer) => answer.items),
    refetchInterval: (query) => (query.state.data?.some((item) => item.rebuild !== undefined) ? REBUILD_POLL_MS : 5000),
  });
  const rebuild = useMutation({
    mutationFn: (name: string) => api.post(`/v1/projections/${encodeURIComponent(name)}/rebuild`, {}),
    onSuccess: () => void projections.refetch(),
  });

  return (
    <section aria-labelledby="projections-title">
      <h1 id="projections-title">Projections</h1>
      <ProblemMessage error={projections.error ?? rebuild.error} />
      <table>
        <caption className="visually-hidden">Projections</caption>
        <thead>
          <tr>
            <th scope="col">Projection</th>
            <th scope="col">State</th>
            <th scope="col">Position</th>
            <th scope="col">Lag (events)</th>
            <th scope="col">Rebuild</th>
          </tr>
        </thead>
        <tbody>
          {(projections.data ?? []).map((item) => (
            <tr key={item.name}>
              <td>{item.name}</td>
              <td>
                {item.state}
                {item.failure !== undefined && ` — ${item.failure.message}`}
              </td>
              <td>{item.position ?? '—'}</td>
              <td>{item.lag}</td>
              <td>
                {item.rebuild !== undefined ? (
                  <>
                    <progress
                      aria-label={`Rebuild of ${item.name}`}
                      max={Math.max(1, item.rebuild.appliedEvents + item.rebuild.remainingEvents)}
                      value={item.rebuild.appliedEvents}
                    />{' '}
                    {item.rebuild.phase}: {item.rebuild.appliedEvents} events
                  </>
                ) : (
                  mayRebuild && (
                    <button type="button" disabled={rebuild.isPending} onClick={() => rebuild.mutate(item.name)} aria-label={`Rebuild ${item.name}`}>
                      Rebuild
                    </button>
                  )
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
