import type { TeammateRole } from './teammate-role';

export type TeammateState =
  | { readonly status: 'none' }
  | {
      readonly status: 'active';
      readonly teammateId: string;
      readonly name: string;
      readonly email: string;
      readonly role: TeammateRole;
    };

/** What partnership commands need to know about a teammate (manager, override author). */
export interface TeammateSnapshot {
  readonly teammateId: string;
  readonly role: TeammateRole;
  readonly name: string;
  readonly email: string;
}

/** For handlers: the snapshot to pass into a partnership command, null when there is no such teammate. */
export function teammateSnapshot(state: TeammateState): TeammateSnapshot | null {
  if (state.status === 'none') {
    return null;
  }
  const { teammateId, role, name, email } = state;
  return { teammateId, role, name, email };
}
