/**
 * Where a consumer remembers the event ids it has handled. The consumer runs the handler's writes
 * and the marks in one transaction of the store, so that a crash loses neither and a redelivered
 * event finds its mark and is dropped. `Tx` is what the handler writes through (a `SqlClient` for
 * the SQL store).
 */
export interface ProcessedEventStore<Tx> {
  /** Creates what the store needs (tables); idempotent, called by `start()`. */
  prepare(): Promise<void>;
  /** Runs `fn` in one transaction: commits when it resolves, rolls back when it rejects. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Marks `eventIds` as processed by `consumer` inside `tx` and answers those that were not marked
   * before: the ones to handle. The marks become visible when `tx` commits.
   */
  markProcessed(tx: Tx, consumer: string, eventIds: readonly string[]): Promise<ReadonlySet<string>>;
}
