/**
 * Server-side `$all` filters of the EventStoreDB protocol double: on stream name or event type, by
 * prefixes or by regex, and the checkpoint interval (search window × multiplier) that goes with them.
 */
import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import type { StoredEvent } from './in-memory-log';

/** The search window a real server uses when the client asks for `count` instead of `max`. */
export const DEFAULT_MAX_SEARCH_WINDOW = 32;

export interface EventFilter {
  matches(event: StoredEvent): boolean;
  /** A checkpoint is due after this many events searched. */
  readonly checkpointInterval: number;
}

/** The filter a read/subscribe request asks for, or undefined when it asks for none. */
export function filterFrom(options: ReadReq.Options): EventFilter | undefined {
  const filter = options.getFilter();
  if (!filter) return undefined;
  const onStreamName = filter.hasStreamIdentifier();
  const expression = onStreamName ? filter.getStreamIdentifier() : filter.getEventType();
  const prefixes = expression?.getPrefixList() ?? [];
  const regex = expression?.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  const test = (value: string): boolean =>
    prefixes.length > 0 ? prefixes.some((prefix) => value.startsWith(prefix)) : (regex?.test(value) ?? true);
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_MAX_SEARCH_WINDOW;
  return {
    matches: (event) => test(onStreamName ? event.streamName : event.type),
    checkpointInterval: Math.max(1, window * Math.max(1, filter.getCheckpointintervalmultiplier())),
  };
}
