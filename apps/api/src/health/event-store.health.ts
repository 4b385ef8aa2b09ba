import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { EventStore } from '@partnerships/event-store';
import { EVENT_STORE } from '../store/store.tokens';

/** The API is useless without its store: health is a round trip to it. */
@Injectable()
export class EventStoreHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async check(key: string) {
    const indicator = this.indicators.check(key);
    const started = performance.now();
    try {
      await this.store.ping();
      const latencyMs = Math.round((performance.now() - started) * 10) / 10;
      return indicator.up({ latencyMs, headPosition: await this.store.headPosition() });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
