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
  /**
   * The projection's net change, for a projection whose `apply` folds its batch in memory before
   * writing: `apply` is exactly `netChange()`, `add(batch)`, `write()`. A bulk rebuild uses the
   * same fold over as much of the log as its memory budget allows, then writes once.
   */
  readonly netChange?: (options?: NetChangeOptions) => NetChange;
}

/** A transaction's client that loads rows with COPY. */
export type CopyingClient = SqlClient & Required<Pick<SqlClient, 'copyRows'>>;

export interface NetChangeOptions {
  /** The tables are known to be empty: the fold need not read stored rows. */
  readonly tablesEmpty?: boolean;
}

/** The net effect of a run of events on a projection's tables, folded in memory. */
export interface NetChange {
  /** Folds events, in log order; may read through `tx` the stored rows the fold depends on. */
  add(tx: SqlClient, events: readonly DecodedEvent[]): Promise<void>;
  /** Writes the net effect of everything added, through `tx`. */
  write(tx: SqlClient): Promise<void>;
  /**
   * Writes the net effect into the projection's empty tables with `tx.copyRows`: what a bulk
   * rebuild does with its first fold. Equal to `write` on empty tables, only faster.
   */
  load(tx: CopyingClient): Promise<void>;
  /** Keys held (rows to write, rows read from the store): what the fold costs in memory. */
  readonly size: number;
}

/** A projection whose `apply` is its net change over one batch: the live path and a bulk rebuild share one fold. */
export function foldingProjection(
  definition: Pick<Projection, 'name' | 'tables' | 'setup'> & { readonly netChange: (options?: NetChangeOptions) => NetChange },
): Projection & { readonly netChange: (options?: NetChangeOptions) => NetChange } {
  return {
    ...definition,
    async apply(tx, events) {
      const net = definition.netChange();
      await net.add(tx, events);
      await net.write(tx);
    },
  };
}
