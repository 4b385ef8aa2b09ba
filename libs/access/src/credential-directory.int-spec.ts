import { API_KEY, TEAMMATE, type TeammateRole } from '@partnerships/domain';
import { createSqlEventStore, StreamCommandRunner, systemContext, type SqlEventStore } from '@partnerships/event-store';
import { ApiKeyIssuer } from './api-key.issuer';
import { ApiKeySecretStore } from './api-key-secret.store';
import { CredentialDirectory } from './credential-directory';

describe('the credential directory', () => {
  let store: SqlEventStore;
  let runner: StreamCommandRunner;
  let issuer: ApiKeyIssuer;
  let secrets: ApiKeySecretStore;
  let now = 0;
  let reads = 0;

  const metadata = { now: new Date() };
  const addTeammate = (teammateId: string, role: TeammateRole) =>
    runner.run({
      aggregate: TEAMMATE,
      id: teammateId,
      command: { type: 'AddTeammate', data: { teammateId, name: teammateId, email: `${teammateId}@co.example`, role, actorRole: 'owner' }, metadata },
      context: systemContext(),
    });
  const changeRole = (teammateId: string, role: TeammateRole) =>
    runner.run({ aggregate: TEAMMATE, id: teammateId, command: { type: 'ChangeTeammateRole', data: { teammateId, role, actorRole: 'owner' }, metadata }, context: systemContext() });
  const issue = (teammateId: string) =>
    issuer.issue({ name: 'test', holder: { kind: 'teammate', teammateId }, expiresAt: null, actorRole: 'owner', context: systemContext() });

  beforeAll(async () => {
    const opened = await createSqlEventStore({});
    store = opened.store;
    secrets = new ApiKeySecretStore(opened.client);
    const readStream = store.readStream.bind(store);
    store.readStream = (...args) => {
      reads += 1;
      return readStream(...args);
    };
    runner = new StreamCommandRunner(store);
    await secrets.setup();
    issuer = new ApiKeyIssuer(store, runner, secrets);
  });
  afterAll(async () => {
    await store.close();
  });

  it('answers repeated requests from memory: one read of the key and its teammate, then none', async () => {
    await addTeammate('ann', 'viewer');
    const { secret } = await issue('ann');
    const directory = new CredentialDirectory(store, secrets, { clock: () => now });
    reads = 0;
    for (let i = 0; i < 100; i++) {
      expect(await directory.authenticate(secret)).toEqual({ principal: { kind: 'teammate', teammateId: 'ann', role: 'viewer', keyId: expect.any(String) } });
    }
    expect(reads).toBe(2);
  });

  it('sees a role change made elsewhere once its facts are older than the bound, and at once when told', async () => {
    await addTeammate('ben', 'viewer');
    const { secret } = await issue('ben');
    const directory = new CredentialDirectory(store, secrets, { maxAgeMs: 2_000, clock: () => now });
    expect(await directory.authenticate(secret)).toMatchObject({ principal: { role: 'viewer' } });

    await changeRole('ben', 'admin');
    now += 1_999;
    expect(await directory.authenticate(secret)).toMatchObject({ principal: { role: 'viewer' } });
    now += 1;
    expect(await directory.authenticate(secret)).toMatchObject({ principal: { role: 'admin' } });

    await changeRole('ben', 'teammate');
    directory.forgetTeammate('ben');
    expect(await directory.authenticate(secret)).toMatchObject({ principal: { role: 'teammate' } });
  });

  it('tells a malformed, unknown, revoked and expired key apart', async () => {
    await addTeammate('cat', 'teammate');
    const directory = new CredentialDirectory(store, secrets, { clock: () => now });
    const { secret, keyId } = await issue('cat');
    expect(await directory.authenticate('not a key')).toEqual({ failure: 'malformed' });
    expect(await directory.authenticate(`${secret.slice(0, -3)}abc`)).toEqual({ failure: 'unknown' });
    expect(await directory.authenticate(`plk_${'b'.repeat(16)}_${'c'.repeat(43)}`)).toEqual({ failure: 'unknown' });

    await runner.run({
      aggregate: API_KEY,
      id: keyId,
      command: { type: 'RevokeApiKey', data: { keyId, actorTeammateId: null, actorRole: 'owner', holderRole: 'teammate' }, metadata },
      context: systemContext(),
    });
    directory.forgetKey(keyId);
    expect(await directory.authenticate(secret)).toEqual({ failure: 'revoked' });

    const expiring = await issuer.issue({
      name: 'expiring',
      holder: { kind: 'teammate', teammateId: 'cat' },
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
      actorRole: 'owner',
      context: systemContext(),
    });
    const later = new CredentialDirectory(store, secrets, { clock: () => Date.now() + 120_000 });
    expect(await later.authenticate(expiring.secret)).toEqual({ failure: 'expired' });
  });

  it('never keeps a hash that no event vouches for', async () => {
    const directory = new CredentialDirectory(store, secrets, { clock: () => now });
    await secrets.keep('orphanorphanorph', 'plk_orphanorphanorph_' + 'd'.repeat(43));
    expect(await directory.authenticate('plk_orphanorphanorph_' + 'd'.repeat(43))).toEqual({ failure: 'unknown' });
  });
});
