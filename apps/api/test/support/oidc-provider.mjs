// A real OpenID provider (oidc-provider) for the single sign-on tests, run as its own process
// (the package is ESM-only). Clients get client-credentials access tokens as JWTs; each client's
// `email` becomes a claim of its tokens and its `ttl` their lifetime. Prints "listening" when ready.
import Provider from 'oidc-provider';

const port = Number(process.argv[2]);
const clients = JSON.parse(process.env.OIDC_CLIENTS);
const byId = new Map(clients.map((client) => [client.client_id, client]));

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: clients.map(({ client_id, client_secret }) => ({
    client_id,
    client_secret,
    grant_types: ['client_credentials'],
    redirect_uris: [],
    response_types: [],
  })),
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => 'urn:partnerships',
      getResourceServerInfo: (ctx) => ({
        scope: 'api',
        audience: byId.get(ctx.oidc.client.clientId)?.audience ?? 'partnerships',
        accessTokenFormat: 'jwt',
        accessTokenTTL: byId.get(ctx.oidc.client.clientId)?.ttl ?? 300,
      }),
    },
  },
  extraTokenClaims: (ctx, token) => {
    const email = byId.get(token.clientId)?.email;
    return email ? { email } : {};
  },
});
provider.listen(port, '127.0.0.1', () => process.stdout.write('listening\n'));
