import { rebuildProjections, RebuildFailedError, type Projection, type RebuildProgress, type RebuildResult } from '@partnerships/projections';
import { logLagCounterFor } from '@partnerships/log-follower';
import { CommandRunner, Option, SubCommand } from 'nest-commander';
import { CliFailure } from '../cli-failure';
import { printJson } from '../output/json-output';
import { CliStore, EmbeddedStoreHeldError, type CliOpenedStore } from '../store/cli-store';
import { JSON_OPTION, type JsonOptions } from '../output/json.option';
import { PROJECTION_NAMES, selectProjections } from './projection-selection';
import { rebuildProgressReporter } from './rebuild-progress.reporter';
import { rebuildSummary, rebuildSummaryTable, type RebuildSummary } from './rebuild-summary';

/** How often the bars move; the rebuild checks its runner this often too. */
const PROGRESS_INTERVAL_MS = 200;

@SubCommand({
  name: 'rebuild',
  arguments: '<name>',
  argsDescription: { name: `a projection (${PROJECTION_NAMES.join(', ')}), or all of them in turn` },
  description:
    'Replay a projection from the start of the log into new tables, then swap them in; the live read model keeps serving ' +
    'meanwhile, and a running API or projector carries on from the new tables',
})
export class ProjectionsRebuildCommand extends CommandRunner {
  constructor(private readonly cliStore: CliStore) {
    super();
  }

  override async run([name]: string[], options: JsonOptions = {}): Promise<void> {
    const projections = selectProjections(name);
    const opened = await this.openStore(projections);
    const json = options.json === true;
    const progress = rebuildProgressReporter({ json, stream: process.stderr, names: projections.map((projection) => projection.name) });
    const summaries: RebuildSummary[] = [];
    try {
      // `all` reads the log once for every projection, then swaps each in.
      for (const result of await this.rebuild(projections, opened, (step) => progress.update(step))) {
        summaries.push(rebuildSummary(result));
      }
    } finally {
      progress.stop();
    }
    if (json) {
      printJson({ projections: summaries });
    } else {
      process.stdout.write(rebuildSummaryTable(summaries));
    }
  }

  @Option(JSON_OPTION)
  parseJson(): boolean {
    return true;
  }

  private async openStore(projections: readonly Projection[]): Promise<CliOpenedStore> {
    try {
      return await this.cliStore.open();
    } catch (error) {
      if (!(error instanceof EmbeddedStoreHeldError)) throw error;
      // PGlite is one process's database: the rebuild has to run inside the API that holds it.
      const routes = projections.map((projection) => `POST /v1/projections/${projection.name}/rebuild`).join(', ');
      throw new CliFailure(`${error.message} (the running API, most likely); rebuild there instead: ${routes}`);
    }
  }

  private async rebuild(
    projections: readonly Projection[],
    { store, client, logClient, config }: CliOpenedStore,
    onProgress: (progress: RebuildProgress) => void,
  ): Promise<RebuildResult[]> {
    try {
      return await rebuildProjections(projections, {
        store,
        readModel: client,
        lagCounter: logLagCounterFor(store, logClient),
        batchSize: config.projectionBatchSize,
        memoryBudgetMb: config.rebuildMemoryMb,
        progressIntervalMs: PROGRESS_INTERVAL_MS,
        onProgress,
      });
    } catch (error) {
      const names = projections.map((projection) => projection.name).join(', ');
      throw new CliFailure(
        error instanceof RebuildFailedError
          ? `${error.message}; the live read models were left as they were`
          : `rebuild of ${names} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
