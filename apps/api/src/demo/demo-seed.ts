import type { AppConfig } from '@partnerships/config';
import type { EventStore } from '@partnerships/event-store';
import { SeedAlreadyWrittenError, seedProgram } from '@partnerships/seed';

/** Enough to fill every screen (statuses, managers, a chart) and seeded in about a second. */
export const DEMO_PARTNERS = 50;
/** Fixed, so every demo shows the same program (its business times end at start-up). */
export const DEMO_SEED = 1;

export type DemoSeedOutcome = 'off' | 'seeded' | 'skipped';

/**
 * With SEED_DEMO=1, writes a demo program before the API starts, when the log is empty; a log
 * that already holds events (a restart, real data) is left alone. The projections then build
 * the read models from it as from any other history. `log` gets one line either way.
 */
export async function seedDemoIfRequested(config: Pick<AppConfig, 'seedDemo'>, store: EventStore, log: (line: string) => void): Promise<DemoSeedOutcome> {
  if (!config.seedDemo) return 'off';
  if ((await store.headPosition()) !== null) {
    log('SEED_DEMO: the event log already holds events; no demo program seeded');
    return 'skipped';
  }
  try {
    const result = await seedProgram(store, { partners: DEMO_PARTNERS, seed: DEMO_SEED });
    log(`SEED_DEMO: seeded a demo program into the empty log: ${result.partners} partners, ${result.teammates} teammates, ${result.events} events`);
    return 'seeded';
  } catch (error) {
    // Another instance starting on the same store seeded it first.
    if (!(error instanceof SeedAlreadyWrittenError)) throw error;
    log('SEED_DEMO: another process seeded the demo program first; no demo program seeded');
    return 'skipped';
  }
}
