import type { ApiKeyState, TeammateSnapshot } from '@partnerships/domain';
import type { EventStore } from '@partnerships/event-store';
import { keyIdOf, secretMatches } from './api-key-secret';
import type { ApiKeySecretStore } from './api-key-secret.store';
import { findApiKey, findTeammate } from './holder.lookup';
import type { Principal } from './principal';

export type CredentialFailure = 'malformed' | 'unknown' | 'revoked' | 'expired';

export type Authentication = { readonly principal: Principal } | { readonly failure: CredentialFailure };

interface KnownKey {
  readonly secretHash: Buffer | null;
  readonly key: ApiKeyState;
  /** The key's teammate as its stream says now; null for a partner key. */
  readonly teammate: TeammateSnapshot | null;
}

interface CacheEntry {
  readonly loadedAt: number;
  readonly known: Promise<KnownKey>;
  /** Once loaded: the teammate the key acts as (null for a partner key or no key). */
  teammateId?: string | null;
}

export interface CredentialDirectoryOptions {
  /** How old a key's facts may be: the bound on a role change or revocation made by another process. */
  readonly maxAgeMs?: number;
  /** Keys remembered at most (least recently loaded forgotten first). */
  readonly capacity?: number;
  readonly clock?: () => number;
}

export const DEFAULT_CREDENTIAL_MAX_AGE_MS = 2_000;

/**
 * Turns a presented API key into a principal. A key's hash, its stream and its teammate's stream
 * are read once and kept for `maxAgeMs` (2 s): requests cost a hash and a map lookup, and a
 * revocation or role change made by any process takes effect within that bound. This process's
 * own changes are forgotten at once (`forgetKey`, `forgetTeammate`), so they apply to the next request.
 */
export class CredentialDirectory {
  private readonly entries = new Map<string, CacheEntry>();
  private readonly maxAgeMs: number;
  private readonly capacity: number;
  private readonly clock: () => number;

  constructor(
    private readonly store: EventStore,
    private readonly secrets: ApiKeySecretStore,
    options: CredentialDirectoryOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_CREDENTIAL_MAX_AGE_MS;
    this.capacity = options.capacity ?? 10_000;
    this.clock = options.clock ?? Date.now;
  }

  async authenticate(secret: string): Promise<Authentication> {
    const keyId = keyIdOf(secret);
    if (keyId === null) return { failure: 'malformed' };
    const { secretHash, key, teammate } = await this.known(keyId);
    if (secretHash === null || key.status === 'none' || !secretMatches(secret, secretHash)) return { failure: 'unknown' };
    if (key.status === 'revoked') return { failure: 'revoked' };
    if (key.expiresAt !== null && Date.parse(key.expiresAt) <= this.clock()) return { failure: 'expired' };
    if (key.partnerId !== null) return { principal: { kind: 'partner', partnerId: key.partnerId, keyId } };
    if (teammate === null || teammate.removed) return { failure: 'revoked' };
    return { principal: { kind: 'teammate', teammateId: teammate.teammateId, role: teammate.role, keyId } };
  }

  forgetKey(keyId: string): void {
    this.entries.delete(keyId);
  }

  /** Every key of the teammate, and any key still loading (it may be one of them). */
  forgetTeammate(teammateId: string): void {
    for (const [keyId, entry] of this.entries) {
      if (entry.teammateId === undefined || entry.teammateId === teammateId) this.entries.delete(keyId);
    }
  }

  private known(keyId: string): Promise<KnownKey> {
    const now = this.clock();
    const cached = this.entries.get(keyId);
    if (cached !== undefined && now - cached.loadedAt < this.maxAgeMs) return cached.known;
    const known = this.load(keyId);
    const entry: CacheEntry = { loadedAt: now, known };
    this.entries.delete(keyId);
    this.entries.set(keyId, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    known.then(
      ({ key }) => {
        entry.teammateId = key.status === 'none' ? null : key.teammateId;
      },
      // A failed read is not remembered: the next request tries again.
      () => {
        if (this.entries.get(keyId) === entry) this.entries.delete(keyId);
      },
    );
    return known;
  }

  private async load(keyId: string): Promise<KnownKey> {
    const [secretHash, key] = await Promise.all([this.secrets.hashOf(keyId), findApiKey(this.store, keyId)]);
    const teammate = key.status !== 'none' && key.teammateId !== null ? await findTeammate(this.store, key.teammateId) : null;
    return { secretHash, key, teammate };
  }
}
