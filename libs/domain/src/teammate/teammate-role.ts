/** Highest first: the order is the rank. */
export const TEAMMATE_ROLES = ['owner', 'admin', 'teammate', 'viewer'] as const;

export type TeammateRole = (typeof TEAMMATE_ROLES)[number];

const RANK: Readonly<Record<TeammateRole, number>> = { owner: 3, admin: 2, teammate: 1, viewer: 0 };

export function roleAtLeast(role: TeammateRole, minimum: TeammateRole): boolean {
  return RANK[role] >= RANK[minimum];
}
