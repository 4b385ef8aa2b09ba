import type { Command } from '../shared/command';
import type { PartnershipStatus } from '../partnership/partnership.state';
import type { TeammateRole } from '../teammate/teammate-role';
import type { TeammateSnapshot } from '../teammate/teammate.state';

/** Who the key will act as, with what the rules need to know of it (looked up by the handler). */
export type ApiKeyHolderLookup =
  | { readonly kind: 'teammate'; readonly teammateId: string; readonly teammate: TeammateSnapshot | null }
  | { readonly kind: 'partner'; readonly partnerId: string; readonly partnerStatus: PartnershipStatus | null };

export type IssueApiKey = Command<
  'IssueApiKey',
  {
    readonly keyId: string;
    readonly name: string;
    readonly expiresAt?: string | null;
    readonly holder: ApiKeyHolderLookup;
    /** The issuer's current role (operators' tools: `owner`). */
    readonly actorRole: TeammateRole;
  }
>;

export type RevokeApiKey = Command<
  'RevokeApiKey',
  {
    readonly keyId: string;
    readonly reason?: string | null;
    /** The revoking teammate (null for operators' tools, which act as `owner`) and its current role. */
    readonly actorTeammateId: string | null;
    readonly actorRole: TeammateRole;
    /** The current role of the key's teammate; null for a partner key or a teammate that is gone. */
    readonly holderRole: TeammateRole | null;
  }
>;

export type ApiKeyCommand = IssueApiKey | RevokeApiKey;

export type ApiKeyCommandType = ApiKeyCommand['type'];
