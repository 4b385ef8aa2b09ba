import { isPartnershipEvent, isTeammateEvent, partnershipStreamId, teammateStreamId, type PartnershipEvent, type TeammateEvent } from '@partnerships/domain';
import { decodeStream, type DecodedEvent, type EventStore } from '@partnerships/event-store';
import { managerIdsOf } from './partner-as-of';

/** What the as-of view folds: the partner's stream and the streams of every manager it ever had. */
export interface PartnerHistoryEvents {
  readonly partnerEvents: (DecodedEvent & PartnershipEvent)[];
  readonly teammateEvents: (DecodedEvent & TeammateEvent)[];
}

/**
 * Reads straight from the log, not from the read models: history needs every event, not a
 * projection of them. The managers' streams only matter to an as-of view (`managers: false` for a
 * plain timeline skips them).
 */
export async function readPartnerHistoryEvents(
  store: EventStore,
  partnerId: string,
  options: { readonly managers?: boolean } = {},
): Promise<PartnerHistoryEvents> {
  const partnerEvents = decodeStream(await store.readStream(partnershipStreamId(partnerId)), isPartnershipEvent);
  if (options.managers === false) return { partnerEvents, teammateEvents: [] };
  const teammateStreams = await Promise.all(managerIdsOf(partnerEvents).map((id) => store.readStream(teammateStreamId(id))));
  return { partnerEvents, teammateEvents: decodeStream(teammateStreams.flat(), isTeammateEvent) };
}
