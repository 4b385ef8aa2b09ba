import { ConcurrencyError, DomainError, PreconditionFailedError, fold, type Aggregate, type AnyDomainEvent } from '@partnerships/domain';
import type { EventStore, RecordedEvent } from '../event-store.port';
import { chainTipOf, EMPTY_STREAM_TIP, type ChainTip } from '../hash-chain';
import { decodeStream } from '../reading/event-decoding';
import { commandEnvelope, eventIdFor } from './command-envelope';
import type { CommandContext } from './command-context';
import { envelopeEvents } from './event-envelope';
import { StreamStateCache } from './stream-state.cache';
import { StreamWriter } from './stream-writer';

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

export interface RunCommand<C extends { readonly type: string }, E extends AnyDomainEvent, S> {
  /** The kind of stream (`PARTNERSHIP`, `TEAMMATE`, `API_KEY`) and the id of the one to write. */
  readonly aggregate: Aggregate<C, E, S>;
  readonly id: string;
  /** The domain command, its business time included (`metadata.now`). */
  readonly command: C;
  readonly context: CommandContext;
}

/**
 * The one command pipeline: read the stream, fold it, decide, append with the version that was
 * read (through the `StreamWriter`, which seals the chain), and decide again on a version
 * conflict. States this process wrote are kept (bounded), so most writes skip the read.
 */
export class StreamCommandRunner {
  private readonly cache = new StreamStateCache(CACHED_STREAMS);
  private readonly writer: StreamWriter;
  /** The last command queued on each stream this process is writing: the next one waits for it. */
  private readonly tails = new Map<string, Promise<void>>();

  constructor(
    private readonly store: EventStore,
    private readonly metrics: CommandOutcomeObserver = UNOBSERVED,
  ) {
    this.writer = new StreamWriter(store);
  }

  async run<C extends { readonly type: string }, E extends AnyDomainEvent, S>(run: RunCommand<C, E, S>): Promise<StreamWriteResult> {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const result = await this.oneAtATime(run.aggregate.streamId(run.id), () => this.attempt(run));
      this.metrics.record(run.command.type, result.written > 0 ? 'written' : result.replayed ? 'replayed' : 'no_op', seconds());
      return result;
    } catch (error) {
      this.metrics.record(run.command.type, error instanceof DomainError ? 'rejected' : 'failed', seconds());
      throw error;
    }
  }

  /**
   * Runs the commands of one stream one after the other in this process: two of them racing would
   * only make one fail its append and decide again, and a crowd of them on one partner could use up
   * a caller's retries. Commands of other streams, and other processes, are not held back; version
   * conflicts between processes are still retried.
   */
  private oneAtATime<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(streamId) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(streamId, tail);
    void tail.then(() => {
      if (this.tails.get(streamId) === tail) this.tails.delete(streamId);
    });
    return result;
  }

  private async attempt<C extends { readonly type: string }, E extends AnyDomainEvent, S>(
    run: RunCommand<C, E, S>,
  ): Promise<StreamWriteResult & { replayed: boolean }> {
    const written = await this.writeFromCache(run);
    if (written !== null) return written;

    const { aggregate, command, context } = run;
    const { decider, owns } = aggregate;
    const streamId = aggregate.streamId(run.id);
    for (let attempt = 1; ; attempt++) {
      const history = await this.store.readStream(streamId);
      const earlier = findEarlierWrite(history, context, streamId);
      if (earlier) return { ...earlier, written: 0, replayed: true };

      const version = history.length;
      const last = history[version - 1];
      if (context.expectedVersion !== null && version > 0 && version !== context.expectedVersion) {
        throw new PreconditionFailedError(streamId, context.expectedVersion, version);
      }

      const state = fold(decider, decodeStream(history, owns));
      const tip = last ? chainTipOf(last) : EMPTY_STREAM_TIP;
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
        this.metrics.retried(command.type);
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
  private async writeFromCache<C extends { readonly type: string }, E extends AnyDomainEvent, S>(
    run: RunCommand<C, E, S>,
  ): Promise<(StreamWriteResult & { replayed: boolean }) | null> {
    const { aggregate, context } = run;
    const streamId = aggregate.streamId(run.id);
    if (context.idempotencyKey !== null) return null;
    const cached = this.cache.get<S>(streamId);
    if (cached === undefined) return null;
    if (context.expectedVersion !== null && context.expectedVersion !== cached.version) return null;

    let decided: E[];
    try {
      decided = aggregate.decider.decide(run.command, cached.state);
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

  private async append<C extends { readonly type: string }, E extends AnyDomainEvent, S>(
    run: RunCommand<C, E, S>,
    state: S,
    tip: ChainTip,
    decided: readonly E[],
  ): Promise<StreamWriteResult & { replayed: boolean }> {
    const { aggregate, context } = run;
    const streamId = aggregate.streamId(run.id);
    const written = await this.writer.append(streamId, tip, envelopeEvents(decided, commandEnvelope(context, streamId)));
    if (written.replayed) {
      // A concurrent retry of the same request wrote these events first; our state is not theirs.
      this.cache.forget(streamId);
    } else {
      this.cache.set(streamId, { state: fold(aggregate.decider, decided, state), version: written.version, position: written.position, lastHash: written.tip.hash });
    }
    return {
      version: written.version,
      position: written.position,
      written: written.replayed ? 0 : decided.length,
      replayed: written.replayed,
    };
  }
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
