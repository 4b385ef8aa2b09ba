import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { OpenedStore } from '@partnerships/config';

export const RELAY_STORE = Symbol('RELAY_STORE');

/** Closes the store after the relay has stopped (the relay stops in `beforeApplicationShutdown`). */
@Injectable()
export class RelayStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(RELAY_STORE) private readonly opened: OpenedStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.opened.close();
  }
}
