import type { TeammateRole } from '@partnerships/domain';

/** Who a request acts as, established once per request from its bearer credential. */
export type Principal =
  | {
      readonly kind: 'teammate';
      readonly teammateId: string;
      /** The teammate's current role, at most a few seconds old (see CredentialDirectory). */
      readonly role: TeammateRole;
      /** The API key used; null for a single sign-on token. */
      readonly keyId: string | null;
    }
  | { readonly kind: 'partner'; readonly partnerId: string; readonly keyId: string };

/** The `actor` of every event the principal causes. */
export function actorOf(principal: Principal): string {
  return principal.kind === 'teammate' ? principal.teammateId : `partner:${principal.partnerId}`;
}
