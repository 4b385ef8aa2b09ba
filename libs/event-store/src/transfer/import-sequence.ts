import { InvalidEventStoreInputError } from '../event-store.errors';
import type { ImportedEvent } from '../event-store.port';
import { assertValidAppend, eventStoreLimits } from '../event-store.validation';

/**
 * What every store checks of the events an import hands it, one at a time in log order: each is a
 * valid event, and each stream's versions run 1, 2, 3, … so the store ends up holding whole
 * streams exactly as they were. Keeps one number per stream, not the events.
 */
export class ImportSequence {
  private readonly versions = new Map<string, number>();
  private count = 0;

  get events(): number {
    return this.count;
  }

  check(event: ImportedEvent): void {
    const at = `imported event ${this.count + 1}`;
    try {
      assertValidAppend(event.streamId, [event], 'any');
    } catch (error) {
      throw new InvalidEventStoreInputError(`${at}: ${(error as Error).message.replace('events[0].', '')}`);
    }
    if (!Number.isInteger(event.version) || event.version < 1 || event.version > eventStoreLimits.maxVersion) {
      throw new InvalidEventStoreInputError(`${at}: version must be a positive integer`);
    }
    if (typeof event.recordedAt !== 'string' || Number.isNaN(Date.parse(event.recordedAt))) {
      throw new InvalidEventStoreInputError(`${at}: recordedAt must be an ISO 8601 time`);
    }
    const expected = (this.versions.get(event.streamId) ?? 0) + 1;
    if (event.version !== expected) {
      throw new InvalidEventStoreInputError(
        `${at}: stream ${event.streamId} needs version ${expected} next, not ${event.version} (an import holds whole streams, in log order)`,
      );
    }
    this.versions.set(event.streamId, event.version);
    this.count += 1;
  }
}
