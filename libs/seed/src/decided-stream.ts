import { EVENT_SCHEMA_VERSIONS, DomainError, type Decider } from '@partnerships/domain';
import { EMPTY_STREAM_TIP, sealEvents, storedChainLink, type ChainTip, type EventStore, type NewEvent } from '@partnerships/event-store';
import { SeedPlanError } from './seed.errors';
import { seededUuid } from './seeded-uuid';

/** Who the events name as their author, as the API writes `X-Actor`. */
export const SEED_ACTOR = 'seed';

type DomainCommand = { readonly type: string; readonly data: unknown; readonly metadata: { readonly now: Date } };
type DomainEvent = { readonly type: string; readonly data: object };

/**
 * One stream built as the command side builds it: each command decided on the state folded so
 * far, its events folded in and wrapped in the API's metadata, then sealed onto the stream's
 * chain and appended with the version they follow.
 */
export class DecidedStream<C extends DomainCommand, E extends DomainEvent, S> {
  state: S;
  private tip: ChainTip = EMPTY_STREAM_TIP;
  private pending: NewEvent[] = [];
  private commands = 0;

  constructor(
    private readonly decider: Decider<C, E, S>,
    readonly streamId: string,
    private readonly seed: number,
  ) {
    this.state = decider.initialState();
  }

  /** The stream's version including what is not written yet. */
  get version(): number {
    return this.tip.version + this.pending.length;
  }

  /** Decides `command` at its business time; a refusal is a planning bug (see SeedPlanError). */
  run(command: C): E[] {
    let decided: E[];
    try {
      decided = this.decider.decide(command, this.state);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      throw new SeedPlanError(`${this.streamId}: ${command.type} at ${command.metadata.now.toISOString()} was refused: ${error.message}`);
    }
    this.commands += 1;
    const correlationId = seededUuid(`${this.seed}\u0000${this.streamId}\u0000command\u0000${this.commands}`);
    for (const event of decided) {
      this.state = this.decider.evolve(this.state, event);
      const version = this.version + 1;
      this.pending.push({
        eventId: seededUuid(`${this.seed}\u0000${this.streamId}\u0000${version}`),
        type: event.type,
        data: event.data as Record<string, unknown>,
        metadata: {
          occurredAt: command.metadata.now.toISOString(),
          actor: SEED_ACTOR,
          correlationId,
          causationId: null,
          schemaVersion: (EVENT_SCHEMA_VERSIONS as Record<string, number>)[event.type] ?? 1,
        },
      });
    }
    return decided;
  }

  /** The events decided since the last write, sealed onto the chain, and the version they must follow. */
  sealPending(): { readonly events: NewEvent[]; readonly expectedVersion: 'no_stream' | number } {
    return {
      events: sealEvents(this.streamId, this.tip, this.pending),
      expectedVersion: this.tip.version === 0 ? 'no_stream' : this.tip.version,
    };
  }

  /** Appends what is pending; returns the number of events written. */
  async write(store: EventStore): Promise<number> {
    if (this.pending.length === 0) return 0;
    const { events, expectedVersion } = this.sealPending();
    await store.appendToStream(this.streamId, events, { expectedVersion });
    this.tip = { version: this.tip.version + events.length, hash: storedChainLink(events[events.length - 1].metadata).hash };
    this.pending = [];
    return events.length;
  }
}
