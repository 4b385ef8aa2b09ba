import {
  apiKeyDecider,
  apiKeyStreamId,
  fold,
  partnershipDecider,
  partnershipStreamId,
  teammateDecider,
  teammateSnapshot,
  teammateStreamId,
  type ApiKeyEvent,
  type ApiKeyState,
  type PartnershipEvent,
  type PartnershipStatus,
  type TeammateEvent,
  type TeammateSnapshot,
} from '@partnerships/domain';
import type { EventStore } from '@partnerships/event-store';

/*
 * The facts about teammates, partners and keys that access rules need, read from their own
 * streams: the log is the truth, so a role change is seen by the next read, on every process.
 */

export async function findTeammate(store: EventStore, teammateId: string): Promise<TeammateSnapshot | null> {
  const history = await store.readStream(teammateStreamId(teammateId));
  return teammateSnapshot(fold(teammateDecider, history as unknown as TeammateEvent[]));
}

export async function findPartnerStatus(store: EventStore, partnerId: string): Promise<PartnershipStatus | null> {
  const history = await store.readStream(partnershipStreamId(partnerId));
  const state = fold(partnershipDecider, history as unknown as PartnershipEvent[]);
  return state.status === 'none' ? null : state.status;
}

export async function findApiKey(store: EventStore, keyId: string): Promise<ApiKeyState> {
  const history = await store.readStream(apiKeyStreamId(keyId));
  return fold(apiKeyDecider, history as unknown as ApiKeyEvent[]);
}
