import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ListEventsController } from './list-events/list-events.controller';
import { ListEventsHandler } from './list-events/list-events.handler';

@Module({
  imports: [CqrsModule],
  controllers: [ListEventsController],
  providers: [ListEventsHandler],
})
export class EventsModule {}
