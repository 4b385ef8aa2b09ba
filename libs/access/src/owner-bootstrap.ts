import { ConflictError, ErrorCodes, TEAMMATE } from '@partnerships/domain';
import { systemContext, type EventStore, type StreamCommandRunner } from '@partnerships/event-store';
import type { ApiKeyIssuer } from './api-key.issuer';
import type { ApiKeySecretStore } from './api-key-secret.store';
import { findTeammate } from './holder.lookup';

/** The teammate a store's first key belongs to. */
export const BOOTSTRAP_OWNER_ID = 'owner';
const BOOTSTRAP_OWNER = { name: 'Owner', email: 'owner@partnerships.invalid' };

export type OwnerBootstrap =
  | { readonly outcome: 'keys-exist' }
  /** AUTH_BOOTSTRAP_KEY became the owner's key. */
  | { readonly outcome: 'configured-key'; readonly keyId: string }
  /** A key was generated: shown this once. */
  | { readonly outcome: 'generated-key'; readonly keyId: string; readonly secret: string };

/**
 * On a store without any key, makes the first one: the operator's `AUTH_BOOTSTRAP_KEY`, or a
 * generated secret to print once, for teammate `owner` (added as an owner if missing). A store
 * that has keys is left alone, so the setting can stay in place after the first start.
 */
export async function bootstrapOwnerKey(deps: {
  readonly store: EventStore;
  readonly runner: StreamCommandRunner;
  readonly secrets: ApiKeySecretStore;
  readonly issuer: ApiKeyIssuer;
  readonly configuredSecret: string | null;
}): Promise<OwnerBootstrap> {
  const { store, runner, secrets, issuer, configuredSecret } = deps;
  if (!(await secrets.isEmpty())) return { outcome: 'keys-exist' };
  if ((await findTeammate(store, BOOTSTRAP_OWNER_ID)) === null) {
    await tolerateExisting(
      runner.run({
        aggregate: TEAMMATE,
        id: BOOTSTRAP_OWNER_ID,
        command: { type: 'AddTeammate', data: { teammateId: BOOTSTRAP_OWNER_ID, ...BOOTSTRAP_OWNER, role: 'owner', actorRole: 'owner' }, metadata: { now: new Date() } },
        context: systemContext(),
      }),
      ErrorCodes.TEAMMATE_ALREADY_EXISTS,
    );
  }
  const request = {
    name: configuredSecret === null ? 'Generated at first start' : 'AUTH_BOOTSTRAP_KEY',
    holder: { kind: 'teammate' as const, teammateId: BOOTSTRAP_OWNER_ID },
    expiresAt: null,
    actorRole: 'owner' as const,
    context: systemContext(),
  };
  if (configuredSecret === null) {
    const issued = await issuer.issue(request);
    return { outcome: 'generated-key', keyId: issued.keyId, secret: issued.secret };
  }
  // Replicas starting together derive the same key id from the secret: one append wins.
  const issued = await tolerateExisting(issuer.issue({ ...request, secret: configuredSecret }), ErrorCodes.API_KEY_ALREADY_EXISTS);
  return { outcome: 'configured-key', keyId: issued?.keyId ?? 'already issued' };
}

async function tolerateExisting<T>(work: Promise<T>, code: string): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ConflictError && error.code === code) return null;
    throw error;
  }
}
