import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@partnerships/event-store';
import { EVENT_STORE } from '../../store/store.tokens';
import { ListEventsQuery, type EventPage } from './list-events.query';

@QueryHandler(ListEventsQuery)
export class ListEventsHandler implements IQueryHandler<ListEventsQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ after, limit }: ListEventsQuery): Promise<EventPage> {
    const items = await this.store.readAll({ after, limit });
    return { items, nextAfter: items.length > 0 ? items[items.length - 1].position : after };
  }
}
