import {
  API_KEY,
  fold,
  PARTNERSHIP,
  TEAMMATE,
  teammateSnapshot,
  type Aggregate,
  type AnyDomainEvent,
  type ApiKeyState,
  type PartnershipStatus,
  type TeammateSnapshot,
} from '@partnerships/domain';
import { decodeStream, type EventStore } from '@partnerships/event-store';

/*
 * The facts about teammates, partners and keys that access rules need, read from their own
 * streams: the log is the truth, so a role change is seen by the next read, on every process.
 */

/** The current state of one aggregate's stream, folded by its decider. */
async function stateOf<C, E extends AnyDomainEvent, S>(store: EventStore, aggregate: Aggregate<C, E, S>, id: string): Promise<S> {
  return fold(aggregate.decider, decodeStream(await store.readStream(aggregate.streamId(id)), aggregate.owns));
}

export async function findTeammate(store: EventStore, teammateId: string): Promise<TeammateSnapshot | null> {
  return teammateSnapshot(await stateOf(store, TEAMMATE, teammateId));
}

export async function findPartnerStatus(store: EventStore, partnerId: string): Promise<PartnershipStatus | null> {
  const state = await stateOf(store, PARTNERSHIP, partnerId);
  return state.status === 'none' ? null : state.status;
}

export function findApiKey(store: EventStore, keyId: string): Promise<ApiKeyState> {
  return stateOf(store, API_KEY, keyId);
}
