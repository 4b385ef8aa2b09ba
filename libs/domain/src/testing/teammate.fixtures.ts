import type { TeammateRole } from '../teammate/teammate-role';
import type { TeammateSnapshot } from '../teammate/teammate.state';

export function teammateWithRole(role: TeammateRole, teammateId = `${role}-1`): TeammateSnapshot {
  return { teammateId, role, name: `Test ${role}`, email: `${teammateId}@company.test` };
}
