import { Inject, Injectable } from '@nestjs/common';
import { TEAMMATE_EVENT_TYPES, type TeammateRole } from '@partnerships/domain';
import type { EventStore, LogPosition } from '@partnerships/event-store';
import { EVENT_STORE } from '../../store/store.tokens';

export interface TeammateEntry {
  readonly teammateId: string;
  readonly name: string;
  readonly email: string;
  readonly role: TeammateRole;
}

const PAGE = 1000;
const TEAMMATE_TYPES: ReadonlySet<string> = new Set(TEAMMATE_EVENT_TYPES);

/**
 * The company's teammates, kept in memory and brought up to date from the log on every read,
 * so a list taken right after adding a teammate contains it. A company has few teammates; the
 * projections runtime will replace this with a checkpointed read model.
 */
@Injectable()
export class TeammateDirectory {
  private readonly teammates = new Map<string, TeammateEntry>();
  private position: LogPosition | null = null;
  private catchingUp: Promise<void> | null = null;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async list(): Promise<TeammateEntry[]> {
    await this.catchUp();
    return [...this.teammates.values()].sort((a, b) => a.teammateId.localeCompare(b.teammateId));
  }

  private catchUp(): Promise<void> {
    // Concurrent readers share one catch-up instead of each reading the log.
    this.catchingUp ??= this.readNewEvents().finally(() => (this.catchingUp = null));
    return this.catchingUp;
  }

  private async readNewEvents(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll({ after: this.position, limit: PAGE });
      for (const event of page) {
        if (TEAMMATE_TYPES.has(event.type)) this.apply(event.type, event.data);
        this.position = event.position;
      }
      if (page.length < PAGE) return;
    }
  }

  private apply(type: string, data: Readonly<Record<string, unknown>>): void {
    const teammateId = String(data.teammateId);
    if (type === 'TeammateAdded') {
      this.teammates.set(teammateId, {
        teammateId,
        name: String(data.name),
        email: String(data.email),
        role: data.role as TeammateRole,
      });
    } else if (type === 'TeammateRoleChanged') {
      const current = this.teammates.get(teammateId);
      if (current) this.teammates.set(teammateId, { ...current, role: data.role as TeammateRole });
    }
  }
}
