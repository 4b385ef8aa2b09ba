import { DomainError, teammateStreamId } from '@partnerships/domain';
import { StreamWriter, type EventStore } from '@partnerships/event-store';
import { partnerIdOf } from './program-casting';
import { planProgram } from './program-plan';
import { ownerIdOf } from './program-team';
import { InvalidSeedOptionsError, SeedAlreadyWrittenError } from './seed.errors';

export const MAX_SEED_PARTNERS = 1_000_000;
/** The seed when none is given: the same program every time. */
export const DEFAULT_SEED = 1;
const MAX_SEED = 0xffff_ffff;
/** Partners decided and appended together: their appends are grouped by the store, and memory stays flat. */
const DEFAULT_BATCH_PARTNERS = 200;

export interface SeedProgramOptions {
  readonly partners: number;
  /** A non-negative integer below 2^32; default DEFAULT_SEED. Ids carry it, so programs of two seeds can share a store. */
  readonly seed?: number;
  /** The end of the year of business time the program spans; default now. */
  readonly endAt?: Date;
  /** After the team and after each batch of partners: partners written so far, of `total`. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly batchSize?: number;
}

export interface SeedProgramResult {
  readonly seed: number;
  readonly partners: number;
  readonly teammates: number;
  readonly events: number;
  /** The year of business time the events span. */
  readonly from: Date;
  readonly endAt: Date;
  readonly firstPartnerId: string;
  readonly lastPartnerId: string;
}

/**
 * Writes a year of a partner program: the team, then `partners` partners each appended as one
 * stream of events decided by the domain's deciders, with the API's metadata, sealed onto the
 * hash chain. The same seed and end give the same events, ids included. Refuses a seed whose
 * program is already in the store (its ids would collide).
 */
export async function seedProgram(store: EventStore, options: SeedProgramOptions): Promise<SeedProgramResult> {
  const { partners, seed, endAt, batchSize } = checkedOptions(options);
  if ((await store.readStream(teammateStreamId(ownerIdOf(seed)), { maxCount: 1 })).length > 0) {
    throw new SeedAlreadyWrittenError(seed);
  }

  const plan = planProgram(seed, partners, endAt);
  const { team } = plan;
  const writer = new StreamWriter(store);
  let events = 0;
  try {
    for (const stream of team.streams) events += await stream.write(writer);
  } catch (error) {
    // Another run of the same seed got there first (two APIs starting with SEED_DEMO at once).
    if (error instanceof DomainError && events === 0) throw new SeedAlreadyWrittenError(seed);
    throw error;
  }

  options.onProgress?.(0, partners);
  for (let start = 0; start < partners; start += batchSize) {
    const streams = [];
    for (let index = start; index < Math.min(partners, start + batchSize); index++) {
      streams.push(plan.partner(index));
    }
    for (const written of await Promise.all(streams.map((stream) => stream.write(writer)))) events += written;
    options.onProgress?.(start + streams.length, partners);
  }
  return {
    seed,
    partners,
    teammates: team.streams.length,
    events,
    from: new Date(plan.from),
    endAt,
    firstPartnerId: partnerIdOf(seed, 0),
    lastPartnerId: partnerIdOf(seed, partners - 1),
  };
}

function checkedOptions(options: SeedProgramOptions): Required<Omit<SeedProgramOptions, 'onProgress'>> {
  const { partners, seed = DEFAULT_SEED, endAt = new Date(), batchSize = DEFAULT_BATCH_PARTNERS } = options;
  if (!Number.isSafeInteger(partners) || partners < 1 || partners > MAX_SEED_PARTNERS) {
    throw new InvalidSeedOptionsError(`partners must be an integer from 1 to ${MAX_SEED_PARTNERS} (got ${partners})`);
  }
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new InvalidSeedOptionsError(`seed must be an integer from 0 to ${MAX_SEED} (got ${seed})`);
  }
  if (!(endAt instanceof Date) || Number.isNaN(endAt.getTime())) {
    throw new InvalidSeedOptionsError('endAt must be a valid date');
  }
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new InvalidSeedOptionsError(`batchSize must be a positive integer (got ${batchSize})`);
  }
  return { partners, seed, endAt, batchSize };
}
