import type { ProblemDetails } from './api-types';

/** A refusal or failure from the API, with the problem document's title and detail for the screen. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: Partial<ProblemDetails> & { readonly title?: string; readonly detail?: string },
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

/**
 * Every call the console makes: the key from the tab's session as a bearer credential, JSON in and
 * out, problem+json turned into `ApiProblem`. A 401 signs the tab out (its key was revoked, or its
 * teammate removed), so every screen returns to sign-in by the same path.
 */
export class ApiClient {
  constructor(
    private readonly key: () => string | null,
    /** Told of every 401 (a key revoked, its teammate removed). */
    private readonly onUnauthorized: () => void = () => undefined,
  ) {}

  authorization(): Record<string, string> {
    const key = this.key();
    return key === null ? {} : { authorization: `Bearer ${key}` };
  }

  get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    return this.send<T>('GET', withQuery(path, query));
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.send<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PUT', path, body);
  }

  async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(path, {
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...this.authorization() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401) this.onUnauthorized();
    const text = await response.text();
    const parsed: unknown = text === '' ? undefined : JSON.parse(text);
    if (!response.ok) throw new ApiProblem(response.status, (parsed ?? {}) as ApiProblem['problem']);
    return parsed as T;
  }
}

export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}
