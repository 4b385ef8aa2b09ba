/** What the runner knows of a stream after its last write through this process. */
export interface CachedStream<S> {
  readonly state: S;
  readonly version: number;
  readonly position: string;
  /** The hash of the stream's last event, which the next append links to. */
  readonly lastHash: string | null;
}

/**
 * A bounded, least-recently-used map of stream states. Entries may be stale (another process
 * may have appended since); the runner only uses them to attempt a write, which the store's
 * expected-version check accepts or refuses.
 */
export class StreamStateCache {
  private readonly entries = new Map<string, CachedStream<unknown>>();

  constructor(private readonly capacity: number) {}

  get<S>(streamId: string): CachedStream<S> | undefined {
    const entry = this.entries.get(streamId);
    if (entry === undefined) return undefined;
    // Re-inserting moves the stream to the young end of the map's insertion order.
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    return entry as CachedStream<S>;
  }

  set<S>(streamId: string, entry: CachedStream<S>): void {
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    if (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
  }

  forget(streamId: string): void {
    this.entries.delete(streamId);
  }

  get size(): number {
    return this.entries.size;
  }
}
