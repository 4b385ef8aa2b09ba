import { Query } from '@nestjs/cqrs';
import type { TeammateRole } from '@partnerships/domain';

export interface TeammateEntry {
  readonly teammateId: string;
  readonly name: string;
  readonly email: string;
  readonly role: TeammateRole;
  readonly status: 'active' | 'removed';
}

export class ListTeammatesQuery extends Query<{ items: TeammateEntry[] }> {
  constructor(readonly minPosition: string | undefined) {
    super();
  }
}
