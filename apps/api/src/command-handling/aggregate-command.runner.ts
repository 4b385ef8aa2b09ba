import { Inject, Injectable } from '@nestjs/common';
import { StreamCommandRunner, type EventStore } from '@partnerships/event-store';
import { CommandMetrics } from '../metrics/command-metrics';
import { EVENT_STORE } from '../store/store.tokens';

/** The store's command runner as this process's provider, reporting to the API's metrics. */
@Injectable()
export class AggregateCommandRunner extends StreamCommandRunner {
  constructor(@Inject(EVENT_STORE) store: EventStore, metrics: CommandMetrics) {
    super(store, metrics);
  }
}
