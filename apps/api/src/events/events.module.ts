import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ListEventsController } from './list-events/list-events.controller';
import { ListEventsHandler } from './list-events/list-events.handler';
import { EVENT_STREAM_OPTIONS, EventStreams, type EventStreamOptions } from './stream-events/event-streams';
import { StreamEventsController } from './stream-events/stream-events.controller';

@Module({})
export class EventsModule {
  static forRoot(options: EventStreamOptions): DynamicModule {
    return {
      module: EventsModule,
      imports: [CqrsModule],
      controllers: [StreamEventsController, ListEventsController],
      providers: [ListEventsHandler, EventStreams, { provide: EVENT_STREAM_OPTIONS, useValue: options }],
    };
  }
}
