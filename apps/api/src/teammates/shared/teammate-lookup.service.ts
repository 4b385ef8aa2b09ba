import { Inject, Injectable } from '@nestjs/common';
import { fold, teammateDecider, teammateSnapshot, teammateStreamId, type TeammateEvent, type TeammateSnapshot } from '@partnerships/domain';
import type { EventStore } from '@partnerships/event-store';
import { EVENT_STORE } from '../../store/store.tokens';

/** Reads a teammate's own stream, so that rules about managers see the teammate's latest role. */
@Injectable()
export class TeammateLookup {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async find(teammateId: string): Promise<TeammateSnapshot | null> {
    const history = await this.store.readStream(teammateStreamId(teammateId));
    return teammateSnapshot(fold(teammateDecider, history as unknown as TeammateEvent[]));
  }
}
