import { createSqlClient, type SqlClient } from '@partnerships/event-store';
import { postgresTestSchema, type PostgresTestSchema } from '@partnerships/event-store/testing';
import { CheckpointStore, sqlLogLagCounter } from '@partnerships/log-follower';
import { StoredProjectionPositions, VERSION_MAX_AGE_MS } from './stored-projection-positions';

const settle = () => new Promise((resolve) => setTimeout(resolve, VERSION_MAX_AGE_MS + 5));

describe('the read models version seen from the stored checkpoints', () => {
  let schema: PostgresTestSchema;
  let client: SqlClient;
  let checkpoints: CheckpointStore;

  beforeAll(async () => {
    schema = postgresTestSchema('stored_positions');
    client = await createSqlClient({ databaseUrl: schema.databaseUrl, schema: schema.schema });
    checkpoints = new CheckpointStore(client);
  });
  afterAll(async () => {
    await client.close();
    await schema.drop();
  });

  it('is the same before the projector first starts, then moves with every checkpoint write, a rebuild swap at the same position included', async () => {
    const positions = new StoredProjectionPositions(client, ['all-partners', 'clearance'], sqlLogLagCounter(client));
    expect(await positions.version()).toBe('');

    await checkpoints.prepare();
    await client.transaction(async (tx) => {
      await checkpoints.register(tx, 'all-partners');
      await checkpoints.register(tx, 'clearance');
    });
    await settle();
    const registered = await positions.version();

    await client.transaction((tx) => checkpoints.save(tx, 'all-partners', null, '100'));
    await settle();
    const moved = await positions.version();
    expect(moved).not.toBe(registered);
    expect(await positions.version()).toBe(moved);

    // What a rebuild's swap writes: the same position, a new time.
    await client.query("UPDATE projection_checkpoints SET position = 100, updated_at = now() + interval '1 second' WHERE name = 'all-partners'");
    await settle();
    expect(await positions.version()).not.toBe(moved);
  });
});
