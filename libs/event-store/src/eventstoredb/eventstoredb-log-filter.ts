import { excludeSystemEvents, streamNameFilter, type Filter, type Position, type ResolvedEvent } from '@eventstore/db-client';

/**
 * Which events of `$all` are ours. System events (`$`-prefixed streams and types, written by the
 * server itself) are always left out; with `streamPrefixes`, only streams starting with one of
 * them are read. Subscriptions filter on the server; `readAll` of this client version sends no
 * filter, so reads apply the same test here.
 */
export class EventStoreDbLogFilter {
  constructor(private readonly streamPrefixes: readonly string[] | null) {
    if (streamPrefixes !== null && (streamPrefixes.length === 0 || streamPrefixes.some((prefix) => prefix === '' || prefix.startsWith('$')))) {
      throw new Error('streamPrefixes must be non-empty strings that do not start with "$"');
    }
  }

  matches(resolved: ResolvedEvent): boolean {
    const event = resolved.event;
    if (event === undefined || event.streamId.startsWith('$') || event.type.startsWith('$')) return false;
    return this.streamPrefixes === null || this.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix));
  }

  /** The server-side filter, calling `onCheckpoint` with each position the server has searched up to. */
  forSubscription(onCheckpoint: (position: Position) => void): Filter {
    const checkpointReached = (_subscription: unknown, position: Position): void => onCheckpoint(position);
    return this.streamPrefixes === null
      ? excludeSystemEvents({ checkpointInterval: 1, checkpointReached })
      : streamNameFilter({ prefixes: [...this.streamPrefixes], checkpointInterval: 1, checkpointReached });
  }
}
