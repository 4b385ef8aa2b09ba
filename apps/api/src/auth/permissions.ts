import type { Principal } from '@partnerships/access';
import { roleAtLeast, type TeammateRole } from '@partnerships/domain';

/**
 * Who may do what: the one table every route's `@Access(...)` points into. Roles rank
 * owner > admin > teammate > viewer. `partner` says what a partner key reaches: nothing (false),
 * the route itself ('self': who am I), or the route for its own partner only ('own-id': the `:id`
 * must be its own, any other partner answering 404 as if it did not exist).
 */
export const PERMISSIONS = {
  /** No credentials: health, metrics, the API documents. */
  public: { role: null, partner: false, summary: 'Public: no credentials needed' },
  /** Who the caller is (`GET /v1/me`): any credential, a partner key included. */
  whoami: { role: 'viewer', partner: 'self', summary: 'Anyone with a credential' },
  /** Every read model, history, analytics, the log, projections' state. */
  read: { role: 'viewer', partner: false, summary: 'Any teammate (viewer and up)' },
  /** One partner's row, manager contact and history: teammates, and that partner's own key. */
  'read-partner': { role: 'viewer', partner: 'own-id', summary: 'Any teammate, or the partner itself' },
  /** A partner refers leads for itself; teammates record them for any partner. */
  'refer-lead': { role: 'teammate', partner: 'own-id', summary: 'Teammate and up, or the partner itself' },
  /** The lifecycle, managers, commissions earned and reversed, invoices issued, MDF, tier, partner keys. */
  operate: { role: 'teammate', partner: false, summary: 'Teammate and up' },
  /** Money leaving the company: payouts and invoice settlements. */
  'move-money': { role: 'admin', partner: false, summary: 'Admin and up' },
  /** Teammates, their roles and their keys (an admin up to admin; owners only by an owner). */
  'manage-team': { role: 'admin', partner: false, summary: 'Admin and up (owners only by an owner)' },
  /** Webhook endpoints, their secrets, deliveries and replays. */
  'manage-webhooks': { role: 'admin', partner: false, summary: 'Admin and up' },
  /** Projection rebuilds. */
  'operate-projections': { role: 'admin', partner: false, summary: 'Admin and up' },
} as const satisfies Record<string, { role: TeammateRole | null; partner: false | 'self' | 'own-id'; summary: string }>;

export type Permission = keyof typeof PERMISSIONS;

/**
 * Whether a principal holds a permission at all (a partner key: on its own partner only, which the
 * access guard checks against the route's `:id`).
 */
export function principalMay(principal: Principal, permission: Permission): boolean {
  return principal.kind === 'teammate' ? teammateMay(principal.role, permission) : PERMISSIONS[permission].partner !== false;
}

export function teammateMay(role: TeammateRole, permission: Permission): boolean {
  const needed = PERMISSIONS[permission].role;
  return needed === null || roleAtLeast(role, needed);
}
