import { Query } from '@nestjs/cqrs';
import type { RecordedEvent } from '@partnerships/event-store';

export interface EventPage {
  readonly items: RecordedEvent[];
  /** Pass as `after` to read the next page; equal to the request's `after` when nothing new was there. */
  readonly nextAfter: string | null;
}

export class ListEventsQuery extends Query<EventPage> {
  constructor(
    readonly after: string | null,
    readonly limit: number,
  ) {
    super();
  }
}
