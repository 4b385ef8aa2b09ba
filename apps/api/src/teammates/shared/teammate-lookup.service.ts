import { Inject, Injectable } from '@nestjs/common';
import { findTeammate } from '@partnerships/access';
import type { TeammateSnapshot } from '@partnerships/domain';
import type { EventStore } from '@partnerships/event-store';
import { EVENT_STORE } from '../../store/store.tokens';

/** Reads a teammate's own stream, so that rules about managers see the teammate's latest role. */
@Injectable()
export class TeammateLookup {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  find(teammateId: string): Promise<TeammateSnapshot | null> {
    return findTeammate(this.store, teammateId);
  }
}
