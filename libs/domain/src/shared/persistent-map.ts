/**
 * An immutable string-keyed map whose latest version is a native `Map`.
 *
 * `set` and `delete` return a new version in O(1): the new version takes over the `Map` and
 * the old one keeps a one-entry diff pointing at it (Baker's "rerooting", as in Conchon and
 * Filliâtre's persistent arrays). Reading an older version first moves the `Map` back to it
 * by replaying diffs, so every version keeps answering as it did. Evolve stays pure while
 * folding a stream costs O(1) per event instead of copying a record of every commission or
 * invoice ever seen. Iteration follows first insertion order.
 *
 * Because reads may move the `Map`, compare maps by content (`entries()`, `toJSON()`), not by
 * structural deep equality, and never deep-freeze them.
 */
export class PersistentMap<V> {
  private constructor(
    private cell: Cell<V>,
    readonly size: number,
    private readonly nextSeq: number,
  ) {}

  /** A fresh map each time: versions that share a `Map` would move it back and forth. */
  static empty<V>(): PersistentMap<V> {
    return new PersistentMap<V>(new Root(new Map()), 0, 0);
  }

  static fromEntries<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
    let map = PersistentMap.empty<V>();
    for (const [key, value] of entries) {
      map = map.set(key, value);
    }
    return map;
  }

  get(key: string): V | undefined {
    return this.current().get(key)?.value;
  }

  has(key: string): boolean {
    return this.current().has(key);
  }

  /** Replacing a value keeps the key's original insertion position. */
  set(key: string, value: V): PersistentMap<V> {
    const map = this.current();
    const previous = map.get(key);
    if (previous !== undefined && Object.is(previous.value, value)) {
      return this;
    }
    map.set(key, { value, seq: previous?.seq ?? this.nextSeq });
    const next =
      previous === undefined
        ? new PersistentMap(this.cell, this.size + 1, this.nextSeq + 1)
        : new PersistentMap(this.cell, this.size, this.nextSeq);
    this.cell = new Diff(key, previous, next);
    return next;
  }

  delete(key: string): PersistentMap<V> {
    const map = this.current();
    const previous = map.get(key);
    if (previous === undefined) {
      return this;
    }
    map.delete(key);
    const next = new PersistentMap(this.cell, this.size - 1, this.nextSeq);
    this.cell = new Diff(key, previous, next);
    return next;
  }

  /** Entries in first insertion order. */
  entries(): [string, V][] {
    return this.sorted().map(([key, entry]) => [key, entry.value]);
  }

  keys(): string[] {
    return this.sorted().map(([key]) => key);
  }

  values(): V[] {
    return this.sorted().map(([, entry]) => entry.value);
  }

  toRecord(): Record<string, V> {
    return Object.fromEntries(this.entries());
  }

  /** States holding maps serialise as plain objects (e.g. the as-of state of a partner). */
  toJSON(): Record<string, V> {
    return this.toRecord();
  }

  /** Replaying diffs can re-add a key at the end of the `Map`, so order comes from `seq`. */
  private sorted(): [string, Entry<V>][] {
    return [...this.current()].sort((a, b) => a[1].seq - b[1].seq);
  }

  private current(): Map<string, Entry<V>> {
    return this.cell instanceof Root ? this.cell.map : PersistentMap.reroot(this);
  }

  /** Makes `target` the holder of the `Map`, replaying the diffs from the current holder. */
  private static reroot<V>(target: PersistentMap<V>): Map<string, Entry<V>> {
    // Iterative, since an old version can be thousands of diffs away from the holder.
    const path: PersistentMap<V>[] = [];
    let version = target;
    while (version.cell instanceof Diff) {
      path.push(version);
      version = version.cell.next;
    }
    const map = version.cell.map;
    for (let i = path.length - 1; i >= 0; i--) {
      const older = path[i];
      const diff = older.cell as Diff<V>;
      const replaced = map.get(diff.key);
      if (diff.entry === undefined) {
        map.delete(diff.key);
      } else {
        map.set(diff.key, diff.entry);
      }
      diff.next.cell = new Diff(diff.key, replaced, older);
      older.cell = new Root(map);
    }
    return map;
  }
}

interface Entry<V> {
  readonly value: V;
  /** When the key was first inserted, for iteration order. */
  readonly seq: number;
}

/** This version holds the shared `Map`. */
class Root<V> {
  constructor(readonly map: Map<string, Entry<V>>) {}
}

/** This version equals `next` except that `key` maps to `entry` (absent when undefined). */
class Diff<V> {
  constructor(
    readonly key: string,
    readonly entry: Entry<V> | undefined,
    readonly next: PersistentMap<V>,
  ) {}
}

type Cell<V> = Root<V> | Diff<V>;
