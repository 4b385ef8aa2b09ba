import { ApiProblem } from '../api/api-client';

/** A refusal as the API worded it (problem title and detail), announced to screen readers. */
export function ProblemMessage({ error }: { readonly error: unknown }) {
  if (error === null || error === undefined) return null;
  const title = error instanceof ApiProblem ? (error.problem.title ?? `HTTP ${error.status}`) : 'Something went wrong';
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <div role="alert" className="problem">
      <strong>{title}</strong>
      {detail !== title && <p>{detail}</p>}
    </div>
  );
}
