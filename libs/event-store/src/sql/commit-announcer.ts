import type { LogPosition } from '../event-store.port';
import type { SqlClient } from './sql-client';

export type CommittedListener = (position: LogPosition) => void;

/** After appends commit, the store notifies this channel with payload `<schema>:<last position>`. */
const notifyChannel = 'partnership_events';

/**
 * In-process wake-ups after a commit, per client, so that every store on one client (and every
 * store bound to one of its transactions) wakes every subscription on it.
 */
const committedListenersByClient = new WeakMap<SqlClient, Set<CommittedListener>>();

function committedListenersOf(client: SqlClient): Set<CommittedListener> {
  let listeners = committedListenersByClient.get(client);
  if (listeners === undefined) {
    listeners = new Set();
    committedListenersByClient.set(client, listeners);
  }
  return listeners;
}

/**
 * One store's part in telling subscriptions that appends committed: the listeners on its client
 * in this process hear it at once, other processes (PostgreSQL only) by a NOTIFY.
 */
export class CommitAnnouncer {
  private readonly listeners: Set<CommittedListener>;
  private schema: Promise<string> | null = null;
  /** Highest committed position that other processes have not been notified of yet. */
  private unnotified: bigint | null = null;
  private notifying: Promise<void> | null = null;

  constructor(private readonly client: SqlClient) {
    this.listeners = committedListenersOf(client);
  }

  /** The NOTIFY still in flight, if any, so that closing can wait for it. */
  get pendingNotify(): Promise<void> | null {
    return this.notifying;
  }

  announce(position: LogPosition): void {
    for (const listener of this.listeners) {
      listener(position);
    }
    // Only PostgreSQL has other processes to tell; an embedded database belongs to this one.
    if (this.client.driver === 'postgres') {
      this.notifyOtherProcesses(BigInt(position));
    }
  }

  addListener(listener: CommittedListener): void {
    this.listeners.add(listener);
  }

  removeListener(listener: CommittedListener): void {
    this.listeners.delete(listener);
  }

  /**
   * LISTENs for the commits of other processes on this schema; resolves to the function that
   * stops listening. Null, synchronously, when the client cannot listen (PGlite).
   */
  listenToOtherProcesses(
    onCommitted: CommittedListener,
    onError: (error: unknown) => void,
  ): Promise<() => Promise<void>> | null {
    if (this.client.driver !== 'postgres' || this.client.listen === undefined) {
      return null;
    }
    return this.listenOnSchema(onCommitted, onError);
  }

  private async listenOnSchema(
    onCommitted: CommittedListener,
    onError: (error: unknown) => void,
  ): Promise<() => Promise<void>> {
    const prefix = `${await this.currentSchema()}:`;
    return this.client.listen!(
      notifyChannel,
      (payload) => {
        const position = payload.slice(prefix.length);
        if (payload.startsWith(prefix) && /^[0-9]{1,19}$/.test(position)) {
          onCommitted(position);
        }
      },
      onError,
    );
  }

  private currentSchema(): Promise<string> {
    this.schema ??= this.client
      .query<{ schema: string }>('SELECT current_schema() AS schema')
      .then(({ rows }) => rows[0].schema);
    return this.schema;
  }

  /**
   * NOTIFY outside the append's transaction, coalesced: one notification in flight at a time,
   * carrying the highest position committed meanwhile. A NOTIFY inside the append would hold a
   * cluster-wide lock through every commit. Failures are left to the subscribers' poll.
   */
  private notifyOtherProcesses(position: bigint): void {
    if (this.unnotified === null || position > this.unnotified) {
      this.unnotified = position;
    }
    this.notifying ??= (async () => {
      while (this.unnotified !== null) {
        const highest = this.unnotified;
        this.unnotified = null;
        await this.client
          .query("SELECT pg_notify($1, current_schema() || ':' || $2)", [notifyChannel, highest.toString()])
          .catch(() => undefined);
      }
      this.notifying = null;
    })();
  }
}
