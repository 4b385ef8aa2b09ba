import type { DecodedEvent, SqlClient } from '@partnerships/event-store';

/** A read model fed from the global log; the runner owns ordering, batching and the checkpoint. */
export interface Projection {
  /** Unique per read-model database: it keys the checkpoint. */
  readonly name: string;
  /** Every table `setup` creates: a rebuild builds them elsewhere, then swaps exactly these in. */
  readonly tables: readonly string[];
  /** Idempotent DDL for its tables (runs at every start). */
  setup(tx: SqlClient): Promise<void>;
  /**
   * Applies events in log order inside the caller's transaction, which also saves the checkpoint:
   * write only through `tx`, and throw to refuse an event (the whole batch rolls back). The events
   * are decoded once, before they get here: typed by the domain's event union, foreign ones left out.
   */
  apply(tx: SqlClient, events: readonly DecodedEvent[]): Promise<void>;
}
