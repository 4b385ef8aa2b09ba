import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { partnerNotFound } from '@partnerships/domain';
import type { EventStore } from '@partnerships/event-store';
import { partnerAsOf, partnerHistory, readPartnerHistoryEvents } from '@partnerships/projections';
import { EVENT_STORE } from '../../store/store.tokens';
import { GetPartnerHistoryQuery } from './get-partner-history.query';

/** Reads the log, not a read model: the answer is exact the moment the command has answered. */
@QueryHandler(GetPartnerHistoryQuery)
export class GetPartnerHistoryHandler implements IQueryHandler<GetPartnerHistoryQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ partnerId, asOf, by }: GetPartnerHistoryQuery) {
    const events = await readPartnerHistoryEvents(this.store, partnerId, { managers: asOf !== undefined });
    if (events.partnerEvents.length === 0) {
      throw partnerNotFound(partnerId);
    }
    if (asOf === undefined) return partnerHistory(partnerId, events.partnerEvents);
    return partnerAsOf({ partnerId, ...events, asOf, by });
  }
}
