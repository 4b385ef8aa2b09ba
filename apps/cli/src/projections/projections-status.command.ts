import { READ_MODEL_PROJECTIONS, StoredProjectionPositions } from '@partnerships/projections';
import { logLagCounterFor } from '@partnerships/log-follower';
import { CommandRunner, Option, SubCommand } from 'nest-commander';
import { CliFailure } from '../cli-failure';
import { alignedTable } from '../output/aligned-table';
import { printJson } from '../output/json-output';
import { CliStore, EmbeddedStoreHeldError } from '../store/cli-store';
import { JSON_OPTION, type JsonOptions } from '../output/json.option';

@SubCommand({
  name: 'status',
  description: 'Each projection: state, position and lag (events of the log it has not applied yet), from its stored checkpoint',
})
export class ProjectionsStatusCommand extends CommandRunner {
  constructor(private readonly cliStore: CliStore) {
    super();
  }

  override async run(_params: string[], options: JsonOptions = {}): Promise<void> {
    const { store, client, logClient } = await this.cliStore.open().catch((error: unknown) => {
      if (!(error instanceof EmbeddedStoreHeldError)) throw error;
      throw new CliFailure(`${error.message} (the running API, most likely); ask it instead: GET /v1/projections`);
    });
    const positions = new StoredProjectionPositions(client, READ_MODEL_PROJECTIONS.map((projection) => projection.name), logLagCounterFor(store, logClient));
    const statuses = (await positions.statuses()).map(({ name, state, position, lag }) => ({ name, state, position, lag }));
    if (options.json) {
      printJson({ projections: statuses });
      return;
    }
    process.stdout.write(
      alignedTable(
        [{ header: 'PROJECTION' }, { header: 'STATE' }, { header: 'POSITION', align: 'right' }, { header: 'LAG', align: 'right' }],
        statuses.map((status) => [status.name, status.state, status.position ?? '-', String(status.lag)]),
      ),
    );
  }

  @Option(JSON_OPTION)
  parseJson(): boolean {
    return true;
  }
}
