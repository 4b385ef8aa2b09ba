import { DomainError, fold, type Aggregate, type AnyDomainEvent } from '@partnerships/domain';
import { assertMatchesSchema, EMPTY_STREAM_TIP, envelopeEvents, sealForAppend, uuidFromSeed, type ChainTip, type NewEvent, type StreamWriter } from '@partnerships/event-store';
import { SeedPlanError } from './seed.errors';

/** Who the events name as their author, as the API writes the authenticated caller. */
export const SEED_ACTOR = 'seed';

/**
 * One stream built as the command side builds it: each command decided on the state folded so
 * far, its events wrapped in the envelope every writer uses (`envelopeEvents`, with ids derived
 * from the seed), then written through the `StreamWriter`, which seals the chain.
 */
export class DecidedStream<C extends { readonly type: string; readonly metadata: { readonly now: Date } }, E extends AnyDomainEvent, S> {
  state: S;
  readonly streamId: string;
  private tip: ChainTip = EMPTY_STREAM_TIP;
  private pending: NewEvent[] = [];
  private commands = 0;

  constructor(
    private readonly aggregate: Aggregate<C, E, S>,
    id: string,
    private readonly seed: number,
  ) {
    this.streamId = aggregate.streamId(id);
    this.state = aggregate.decider.initialState();
  }

  /** The stream's version including what is not written yet. */
  get version(): number {
    return this.tip.version + this.pending.length;
  }

  /** Decides `command` at its business time; a refusal is a planning bug (see SeedPlanError). */
  run(command: C): E[] {
    let decided: E[];
    try {
      decided = this.aggregate.decider.decide(command, this.state);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      throw new SeedPlanError(`${this.streamId}: ${command.type} at ${command.metadata.now.toISOString()} was refused: ${error.message}`);
    }
    this.commands += 1;
    const firstVersion = this.version + 1;
    this.pending.push(
      ...envelopeEvents(decided, {
        occurredAt: command.metadata.now,
        actor: SEED_ACTOR,
        correlationId: uuidFromSeed(`${this.seed}\u0000${this.streamId}\u0000command\u0000${this.commands}`),
        causationId: null,
        eventId: (index) => uuidFromSeed(`${this.seed}\u0000${this.streamId}\u0000${firstVersion + index}`),
      }),
    );
    this.state = fold(this.aggregate.decider, decided, this.state);
    return decided;
  }

  /** Appends what is pending through the writer; returns the number of events written. */
  async write(writer: StreamWriter): Promise<number> {
    if (this.pending.length === 0) return 0;
    const written = await writer.append(this.streamId, this.tip, this.pending);
    const count = this.pending.length;
    this.tip = written.tip;
    this.pending = [];
    return count;
  }

  /**
   * What is pending, checked and sealed as the writer would append it, for a bulk loader that
   * stores the rows itself (the benchmarks); the stream continues from the sealed tip.
   */
  sealPending(): NewEvent[] {
    for (const event of this.pending) assertMatchesSchema(event);
    const sealed = sealForAppend(this.streamId, this.tip, this.pending);
    this.tip = sealed.tip;
    this.pending = [];
    return sealed.events;
  }
}
