import {
  ConcurrencyError,
  DomainError,
  PreconditionFailedError,
  fold,
  type Decider,
} from '@partnerships/domain';
import type { EventStore, RecordedEvent } from '../event-store.port';
import { chainTipOf, sealEvents, storedChainLink, type ChainTip } from '../hash-chain';
import type { CommandContext } from './command-context';
import { eventIdFor, toNewEvents } from './event-envelope';
import { StreamStateCache } from './stream-state.cache';

/** Enough for heavy contention on one partner; each attempt re-reads the stream. */
const MAX_ATTEMPTS = 12;
/** Streams whose latest state the runner keeps in memory: a partner's state is a few kilobytes. */
const CACHED_STREAMS = 10_000;

/** What every command answers: the stream version and the log position of the last event written. */
export interface StreamWriteResult {
  readonly version: number;
  /** Null only when the stream is still empty (a no-op on nothing). */
  readonly position: string | null;
  /** Events written by this call (0 for a no-op or a replayed retry). */
  readonly written: number;
}

export type CommandOutcome = 'written' | 'replayed' | 'no_op' | 'rejected' | 'failed';

/** Told of every command's outcome and of every retry after a version conflict (the API's metrics). */
export interface CommandOutcomeObserver {
  record(commandType: string, outcome: CommandOutcome, seconds: number): void;
  retried(commandType: string): void;
}

const UNOBSERVED: CommandOutcomeObserver = { record: () => undefined, retried: () => undefined };

/** A domain command as the deciders take it: `{ type, data, metadata: { now } }`. */
type DomainCommand = { readonly type: string; readonly data: unknown };

export interface RunCommand<C extends DomainCommand, E, S> {
  readonly streamId: string;
  readonly decider: Decider<C, E, S>;
  /** The command's type (also its label in the metrics) and data; its time comes from the context. */
  readonly type: C['type'];
  readonly data: C['data'];
  readonly context: CommandContext;
}

/**
 * The one command pipeline: read the stream, fold it, decide, append with the version that was
 * read, and decide again on a version conflict. Domain events are plain `{ type, data }`.
 * States this process wrote are kept (bounded), so most writes skip the read.
 */
export class StreamCommandRunner {
  private readonly cache = new StreamStateCache(CACHED_STREAMS);

  constructor(
    private readonly store: EventStore,
    private readonly metrics: CommandOutcomeObserver = UNOBSERVED,
  ) {}

  async run<C extends DomainCommand, E extends { type: string; data: object }, S>(run: RunCommand<C, E, S>): Promise<StreamWriteResult> {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const result = await this.attempt(run);
      this.metrics.record(run.type, result.written > 0 ? 'written' : result.replayed ? 'replayed' : 'no_op', seconds());
      return result;
    } catch (error) {
      this.metrics.record(run.type, error instanceof DomainError ? 'rejected' : 'failed', seconds());
      throw error;
    }
  }

  private async attempt<C extends DomainCommand, E extends { type: string; data: object }, S>(
    run: RunCommand<C, E, S>,
  ): Promise<StreamWriteResult & { replayed: boolean }> {
    const written = await this.writeFromCache(run);
    if (written !== null) return written;

    const { streamId, decider, context } = run;
    const command = commandOf(run);
    for (let attempt = 1; ; attempt++) {
      const history = await this.store.readStream(streamId);
      const earlier = findEarlierWrite(history, context, streamId);
      if (earlier) return { ...earlier, written: 0, replayed: true };

      const version = history.length;
      const last = history[version - 1];
      if (context.expectedVersion !== null && version > 0 && version !== context.expectedVersion) {
        throw new PreconditionFailedError(streamId, context.expectedVersion, version);
      }

      // Recorded events carry `type` and `data` as the domain's events do; the extra fields are ignored.
      const state = fold(decider, history as unknown as E[]);
      const tip = last ? chainTipOf(last) : { version: 0, hash: null };
      if (last) this.cache.set(streamId, { state, version, position: last.position, lastHash: tip.hash });
      const decided = decider.decide(command, state);
      if (decided.length === 0) {
        return { version, position: last?.position ?? null, written: 0, replayed: false };
      }

      try {
        return await this.append(run, state, tip, decided);
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        if (context.expectedVersion !== null) {
          throw new PreconditionFailedError(streamId, context.expectedVersion, version + 1);
        }
        if (attempt >= MAX_ATTEMPTS) throw error;
        this.metrics.retried(run.type);
        await jitter(attempt);
      }
    }
  }

  /**
   * The fast path: decide on the state this process last saw of the stream and append with its
   * version, one round trip instead of two. Only a successful write is answered from here; a
   * refusal, a no-op or a conflict may come from a stale entry (another process wrote since), so
   * the caller decides again on the stream as stored. Retries under an Idempotency-Key always
   * read the stream, where their earlier events may be.
   */
  private async writeFromCache<C extends DomainCommand, E extends { type: string; data: object }, S>(
    run: RunCommand<C, E, S>,
  ): Promise<(StreamWriteResult & { replayed: boolean }) | null> {
    const { streamId, decider, context } = run;
    if (context.idempotencyKey !== null) return null;
    const cached = this.cache.get<S>(streamId);
    if (cached === undefined) return null;
    if (context.expectedVersion !== null && context.expectedVersion !== cached.version) return null;

    let decided: E[];
    try {
      decided = decider.decide(commandOf(run), cached.state);
    } catch (error) {
      if (error instanceof DomainError) return null;
      throw error;
    }
    if (decided.length === 0) return null;
    try {
      return await this.append(run, cached.state, { version: cached.version, hash: cached.lastHash }, decided);
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      this.cache.forget(streamId);
      return null;
    }
  }

  private async append<C extends DomainCommand, E extends { type: string; data: object }, S>(
    run: RunCommand<C, E, S>,
    state: S,
    tip: ChainTip,
    decided: readonly E[],
  ): Promise<StreamWriteResult & { replayed: boolean }> {
    const { streamId, decider, context } = run;
    // Sealed onto the tip that was read: the expected version makes the store refuse them unless
    // that tip is still the stream's last event, so the chain cannot fork.
    const events = sealEvents(streamId, tip, toNewEvents(streamId, decided, context));
    const appended = await this.store.appendToStream(streamId, events, {
      expectedVersion: tip.version === 0 ? 'no_stream' : tip.version,
    });
    if (appended.replayed) {
      // A concurrent retry of the same request wrote these events first; our state is not theirs.
      this.cache.forget(streamId);
    } else {
      this.cache.set(streamId, {
        state: fold(decider, decided, state),
        version: appended.version,
        position: appended.position,
        lastHash: storedChainLink(events[events.length - 1].metadata).hash,
      });
    }
    return {
      version: appended.version,
      position: appended.position,
      written: appended.replayed ? 0 : decided.length,
      replayed: appended.replayed,
    };
  }
}

function commandOf<C extends DomainCommand>(run: { type: C['type']; data: C['data']; context: CommandContext }): C {
  return { type: run.type, data: run.data, metadata: { now: run.context.occurredAt } } as unknown as C;
}

/** A retried request whose events are already in the stream answers what the first attempt wrote. */
function findEarlierWrite(
  history: readonly RecordedEvent[],
  context: CommandContext,
  streamId: string,
): { version: number; position: string } | null {
  if (context.idempotencyKey === null) return null;
  const firstId = eventIdFor(context, streamId, 0);
  const start = history.findIndex((event) => event.eventId === firstId);
  if (start < 0) return null;
  let end = start;
  while (end + 1 < history.length && history[end + 1].eventId === eventIdFor(context, streamId, end + 1 - start)) end++;
  return { version: history[end].version, position: history[end].position };
}

function jitter(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(50, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
