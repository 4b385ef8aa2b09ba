/** A problem found by the HTTP layer itself (not a domain rule), such as a body that is not JSON. */
export class HttpProblemError extends Error {
  override readonly name = 'HttpProblemError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Sent with the problem: `WWW-Authenticate` on a 401, `Retry-After` on a 429. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}
