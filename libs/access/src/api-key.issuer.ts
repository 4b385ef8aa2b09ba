import { API_KEY, type ApiKeyRole, type TeammateRole } from '@partnerships/domain';
import type { CommandContext, EventStore, StreamCommandRunner } from '@partnerships/event-store';
import { generateApiKeySecret, isAcceptableSecret, keyIdOf } from './api-key-secret';
import type { ApiKeySecretStore } from './api-key-secret.store';
import { findApiKey, findPartnerStatus, findTeammate } from './holder.lookup';

export type ApiKeyHolder = { readonly kind: 'teammate'; readonly teammateId: string } | { readonly kind: 'partner'; readonly partnerId: string };

export interface IssueApiKeyRequest {
  readonly name: string;
  readonly holder: ApiKeyHolder;
  readonly expiresAt: string | null;
  /** The issuer's current role; the domain decides whether it may issue this key. */
  readonly actorRole: TeammateRole;
  readonly context: CommandContext;
  /** An operator-chosen secret (`AUTH_BOOTSTRAP_KEY`); otherwise one is generated. */
  readonly secret?: string;
}

/** The answer of `POST /v1/api-keys`: the only time the secret is shown. */
export interface IssuedApiKey {
  readonly keyId: string;
  readonly secret: string;
  readonly name: string;
  readonly teammateId: string | null;
  readonly partnerId: string | null;
  readonly role: ApiKeyRole;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly position: string | null;
}

/** Issues keys for the API, the owner bootstrap and `partnerctl keys create`: one way for all. */
export class ApiKeyIssuer {
  constructor(
    private readonly store: EventStore,
    private readonly runner: StreamCommandRunner,
    private readonly secrets: ApiKeySecretStore,
  ) {}

  async issue(request: IssueApiKeyRequest): Promise<IssuedApiKey> {
    const { keyId, secret } = request.secret === undefined ? generateApiKeySecret() : chosenSecret(request.secret);
    const holder =
      request.holder.kind === 'teammate'
        ? { kind: 'teammate' as const, teammateId: request.holder.teammateId, teammate: await findTeammate(this.store, request.holder.teammateId) }
        : { kind: 'partner' as const, partnerId: request.holder.partnerId, partnerStatus: await findPartnerStatus(this.store, request.holder.partnerId) };
    // The hash goes first: if the append then fails, no event ever vouches for it.
    await this.secrets.keep(keyId, secret);
    const written = await this.runner.run({
      aggregate: API_KEY,
      id: keyId,
      command: {
        type: 'IssueApiKey',
        data: { keyId, name: request.name, expiresAt: request.expiresAt, holder, actorRole: request.actorRole },
        metadata: { now: request.context.occurredAt },
      },
      context: request.context,
    });
    const issued = await findApiKey(this.store, keyId);
    if (issued.status === 'none') throw new Error(`API key ${keyId} was not written`);
    return {
      keyId,
      secret,
      name: issued.name,
      teammateId: issued.teammateId,
      partnerId: issued.partnerId,
      role: issued.role,
      createdAt: request.context.occurredAt.toISOString(),
      expiresAt: issued.expiresAt,
      position: written.position,
    };
  }
}

function chosenSecret(secret: string): { keyId: string; secret: string } {
  const keyId = keyIdOf(secret);
  if (keyId === null || !isAcceptableSecret(secret)) {
    throw new Error('an API key secret must be 24 to 512 printable characters without spaces');
  }
  return { keyId, secret };
}
