import type { TeammateRole } from './teammate-role';

interface TeammateRecord {
  readonly teammateId: string;
  readonly name: string;
  readonly email: string;
  readonly role: TeammateRole;
}

export type TeammateState =
  | { readonly status: 'none' }
  | ({ readonly status: 'active' } & TeammateRecord)
  /** Removed teammates keep their record: history still names them as managers and authors. */
  | ({ readonly status: 'removed' } & TeammateRecord);

/** What partnership and key commands need to know about a teammate (manager, override author, key holder). */
export interface TeammateSnapshot {
  readonly teammateId: string;
  readonly role: TeammateRole;
  readonly name: string;
  readonly email: string;
  /** A removed teammate can no longer act, be assigned or hold keys. */
  readonly removed?: boolean;
}

/** For handlers: the snapshot to pass into a command, null when there is no such teammate. */
export function teammateSnapshot(state: TeammateState): TeammateSnapshot | null {
  if (state.status === 'none') {
    return null;
  }
  const { teammateId, role, name, email } = state;
  return state.status === 'removed' ? { teammateId, role, name, email, removed: true } : { teammateId, role, name, email };
}
