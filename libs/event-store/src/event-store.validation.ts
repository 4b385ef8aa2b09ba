import { InvalidEventStoreInputError } from './event-store.errors';
import type { ExpectedVersion, LogPosition, NewEvent, ReadAllOptions, ReadStreamOptions } from './event-store.port';

/** Store-independent input checks, shared by every adapter so they refuse the same things. */
export const eventStoreLimits = {
  maxEventsPerAppend: 1_000_000,
  maxStreamIdLength: 512,
  maxEventTypeLength: 256,
  maxVersion: 2_147_483_647,
} as const;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Up to 2^128: the SQL store's bigint positions and EventStoreDB's (commit, prepare) pairs. */
const positionPattern = /^(0|[1-9][0-9]{0,38})$/;

export function assertValidStreamId(streamId: unknown): asserts streamId is string {
  if (typeof streamId !== 'string' || streamId.length === 0 || streamId.length > eventStoreLimits.maxStreamIdLength) {
    invalid(`streamId must be a non-empty string of at most ${eventStoreLimits.maxStreamIdLength} characters`);
  }
}

export function assertValidAppend(streamId: string, events: readonly NewEvent[], expectedVersion: ExpectedVersion): void {
  assertValidStreamId(streamId);
  assertValidExpectedVersion(expectedVersion);
  if (!Array.isArray(events) || events.length === 0 || events.length > eventStoreLimits.maxEventsPerAppend) {
    invalid(`an append takes 1 to ${eventStoreLimits.maxEventsPerAppend} events`);
  }
  const ids = new Set<string>();
  events.forEach((event, index) => {
    const at = `events[${index}]`;
    if (!isPlainObject(event)) {
      invalid(`${at} must be an object`);
    }
    if (typeof event.eventId !== 'string' || !uuidPattern.test(event.eventId)) {
      invalid(`${at}.eventId must be a UUID`);
    }
    const id = event.eventId.toLowerCase();
    if (ids.has(id)) {
      invalid(`${at}.eventId repeats an earlier event of the same append`);
    }
    ids.add(id);
    if (typeof event.type !== 'string' || event.type.length === 0 || event.type.length > eventStoreLimits.maxEventTypeLength) {
      invalid(`${at}.type must be a non-empty string of at most ${eventStoreLimits.maxEventTypeLength} characters`);
    }
    if (!isPlainObject(event.data)) {
      invalid(`${at}.data must be an object`);
    }
    if (!isPlainObject(event.metadata)) {
      invalid(`${at}.metadata must be an object`);
    }
  });
}

export function assertValidExpectedVersion(expectedVersion: ExpectedVersion): void {
  if (expectedVersion === 'any' || expectedVersion === 'no_stream') {
    return;
  }
  if (!isCount(expectedVersion, eventStoreLimits.maxVersion)) {
    invalid(`expectedVersion must be 'any', 'no_stream' or an integer from 0 to ${eventStoreLimits.maxVersion}`);
  }
}

export function assertValidReadStream(streamId: string, options: ReadStreamOptions): void {
  assertValidStreamId(streamId);
  if (options.fromVersion !== undefined && !isCount(options.fromVersion, eventStoreLimits.maxVersion)) {
    invalid('fromVersion must be a non-negative integer');
  }
  if (options.maxCount !== undefined && !isCount(options.maxCount, Number.MAX_SAFE_INTEGER)) {
    invalid('maxCount must be a non-negative integer');
  }
}

export function assertValidReadAll(options: ReadAllOptions): void {
  assertValidPosition(options.after);
  if (options.limit !== undefined && !isCount(options.limit, Number.MAX_SAFE_INTEGER)) {
    invalid('limit must be a non-negative integer');
  }
}

export function assertValidPosition(position: LogPosition | null | undefined): void {
  if (position !== undefined && position !== null && (typeof position !== 'string' || !positionPattern.test(position))) {
    invalid(`a log position is a decimal string, got ${JSON.stringify(position)}`);
  }
}

function isCount(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(message: string): never {
  throw new InvalidEventStoreInputError(message);
}
