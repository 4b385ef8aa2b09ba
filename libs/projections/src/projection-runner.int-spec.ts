import { describeProjectionRunner } from './testing/projection-runner.contract';
import { openReadModelEnvironment, READ_MODEL_STORE_KINDS, type OpenedReadModelEnvironment } from './testing/read-model-environments';

jest.setTimeout(60_000);

// PGlite: log and read models share one database. PostgreSQL: the read models live in another
// schema than the log, so the runner must not assume one database. EventStoreDB: the log on the
// adapter (protocol double), the read models in PostgreSQL.
describe.each(READ_MODEL_STORE_KINDS)('%s', (kind) => {
  let opened: OpenedReadModelEnvironment;

  beforeAll(async () => {
    opened = await openReadModelEnvironment(kind, 'proj');
  });

  afterAll(async () => {
    await opened.dispose();
  });

  describeProjectionRunner(kind, () => opened.environment);
});
