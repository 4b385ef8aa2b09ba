import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './api-process';

export interface OidcClient {
  readonly client_id: string;
  readonly client_secret: string;
  /** Put into the client's tokens as the `email` claim. */
  readonly email?: string;
  readonly audience?: string;
  /** Token lifetime in seconds (default 300). */
  readonly ttl?: number;
}

export interface OidcProviderProcess {
  readonly issuer: string;
  readonly jwksUrl: string;
  /** A client-credentials access token (a JWT) for the client. */
  token(client: OidcClient): Promise<string>;
  stop(): Promise<void>;
}

/** Starts oidc-provider on a free loopback port, in a process of its own. */
export async function startOidcProvider(clients: readonly OidcClient[]): Promise<OidcProviderProcess> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'oidc-provider.mjs'), String(port)], {
    env: { ...process.env, OIDC_CLIENTS: JSON.stringify(clients) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening')) resolve();
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`oidc-provider exited with ${code}: ${output}`)));
  });
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    async token(client) {
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`,
        },
        body: 'grant_type=client_credentials&scope=api',
      });
      const body = (await response.json()) as { access_token?: string };
      if (!body.access_token) throw new Error(`no token for ${client.client_id}: ${JSON.stringify(body)}`);
      return body.access_token;
    },
    stop() {
      if (child.exitCode !== null) return Promise.resolve();
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill();
      return exited;
    },
  };
}
