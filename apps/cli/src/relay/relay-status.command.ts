import { logLagCounterFor } from '@partnerships/log-follower';
import { CommandRunner, Option, SubCommand } from 'nest-commander';
import { CliFailure } from '../cli-failure';
import { alignedTable } from '../output/aligned-table';
import { printJson } from '../output/json-output';
import { JSON_OPTION, type JsonOptions } from '../output/json.option';
import { CliStore, EmbeddedStoreHeldError } from '../store/cli-store';
import { readRelayCheckpoints } from './relay-checkpoints';

export const NO_RELAY_MESSAGE = 'no relay has run against this store';

@SubCommand({
  name: 'status',
  description:
    'Each Kafka topic a relay publishes to from this store: its checkpoint position, its lag (events of the log not ' +
    'published yet) and when the checkpoint last moved',
})
export class RelayStatusCommand extends CommandRunner {
  constructor(private readonly cliStore: CliStore) {
    super();
  }

  override async run(_params: string[], options: JsonOptions = {}): Promise<void> {
    const { store, client, logClient } = await this.cliStore.open().catch((error: unknown) => {
      if (!(error instanceof EmbeddedStoreHeldError)) throw error;
      throw new CliFailure(`${error.message} (the running API, most likely); its relay lag is partnerships_relay_lag_events on GET /metrics`);
    });
    const lagOf = logLagCounterFor(store, logClient);
    const relays = await Promise.all(
      (await readRelayCheckpoints(client)).map(async ({ topic, position, updatedAt }) => ({
        topic,
        position,
        lag: await lagOf(position),
        updatedAt: updatedAt.toISOString(),
      })),
    );
    if (options.json) {
      printJson({ relays });
      return;
    }
    if (relays.length === 0) {
      process.stdout.write(`${NO_RELAY_MESSAGE}\n`);
      return;
    }
    process.stdout.write(
      alignedTable(
        [{ header: 'TOPIC' }, { header: 'POSITION', align: 'right' }, { header: 'LAG', align: 'right' }, { header: 'LAST MOVED' }],
        relays.map((relay) => [relay.topic, relay.position ?? '-', String(relay.lag), relay.updatedAt]),
      ),
    );
  }

  @Option(JSON_OPTION)
  parseJson(): boolean {
    return true;
  }
}
