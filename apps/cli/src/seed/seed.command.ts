import { randomInt } from 'node:crypto';
import { SeedAlreadyWrittenError, seedProgram, type SeedProgramResult } from '@partnerships/seed';
import { Command, CommandRunner, Option } from 'nest-commander';
import { CliFailure } from '../cli-failure';
import { printJson } from '../output/json-output';
import { JSON_OPTION } from '../output/json.option';
import { workProgress } from '../output/work-progress';
import { CliStore, EmbeddedStoreHeldError } from '../store/cli-store';
import { seedSettings, type SeedOptions } from './seed-options';

@Command({
  name: 'seed',
  description:
    'Write a realistic year of a partner program into the store: a team, partners of every type and tier through the ' +
    'lifecycle, managers, leads, commissions, invoices and MDF, each event decided by the domain and sealed onto the ' +
    'hash chain. Ids carry the seed, so programs of different seeds can share a store',
})
export class SeedCommand extends CommandRunner {
  constructor(private readonly cliStore: CliStore) {
    super();
  }

  override async run(_params: string[], options: SeedOptions = {}): Promise<void> {
    const settings = seedSettings(options);
    const seed = settings.seed ?? randomInt(0, 2 ** 32);
    const { store } = await this.cliStore.open().catch((error: unknown) => {
      if (!(error instanceof EmbeddedStoreHeldError)) throw error;
      throw new CliFailure(`${error.message} (the running API, most likely); stop it first, or start it on an empty store with SEED_DEMO=1`);
    });
    const json = options.json === true;
    const progress = workProgress({ json, stream: process.stderr, label: 'seeding', unit: 'partners' });
    const started = Date.now();
    let result: SeedProgramResult;
    try {
      result = await seedProgram(store, {
        partners: settings.partners,
        seed,
        endAt: settings.endAt ?? undefined,
        onProgress: (done, total) => progress.update(done, total),
      });
    } catch (error) {
      if (error instanceof SeedAlreadyWrittenError) throw new CliFailure(`${error.message} (--seed)`);
      throw error;
    } finally {
      progress.stop();
    }
    const elapsedMs = Date.now() - started;
    if (json) {
      printJson({ ...result, from: result.from.toISOString(), endAt: result.endAt.toISOString(), elapsedMs });
      return;
    }
    process.stdout.write(
      `seeded ${result.partners} partners (${result.firstPartnerId} to ${result.lastPartnerId}), ${result.teammates} teammates, ` +
        `${result.events} events in ${(elapsedMs / 1000).toFixed(1)} s — seed ${result.seed}, business time ` +
        `${result.from.toISOString().slice(0, 10)} to ${result.endAt.toISOString().slice(0, 10)}\n`,
    );
  }

  @Option({ flags: '--partners <n>', description: 'how many partners to generate (1 to 1,000,000; required)' })
  parsePartners(value: string): string {
    return value;
  }

  @Option({ flags: '--seed <n>', description: 'seed of the generator, 0 to 4294967295: the same seed and --end-at give the same events (default: a random one, printed)' })
  parseSeed(value: string): string {
    return value;
  }

  @Option({ flags: '--end-at <date>', description: 'end of the year of business time the program covers, ISO 8601 (default: now)' })
  parseEndAt(value: string): string {
    return value;
  }

  @Option(JSON_OPTION)
  parseJson(): boolean {
    return true;
  }
}
