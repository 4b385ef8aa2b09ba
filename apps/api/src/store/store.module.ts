import { DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { openConfiguredStore, type AppConfig, type OpenedStore } from '@partnerships/config';
import { migrate } from '@partnerships/event-store';
import { logLagCounterFor } from '@partnerships/log-follower';
import { idempotencyRecordsMigrations } from '../http/idempotency-records.migration';
import { EVENT_STORE, LOG_LAG_COUNTER, SQL_CLIENT } from './store.tokens';

export type StoreOptions =
  | { readonly config: AppConfig }
  /** A store opened by the caller; closed on shutdown only when `closeOnShutdown` (tests close their own). */
  | { readonly opened: OpenedStore; readonly closeOnShutdown?: boolean };

const OPENED_STORE = Symbol('OPENED_STORE');
const OWNS_STORE = Symbol('OWNS_STORE');

class StoreLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(OPENED_STORE) private readonly opened: OpenedStore,
    @Inject(OWNS_STORE) private readonly owned: boolean,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.owned) await this.opened.close();
  }
}

/** Opens the event store (PGlite on disk by default, PostgreSQL with DATABASE_URL, EventStoreDB with EVENTSTORE_CONNECTION_STRING). */
@Global()
@Module({})
export class StoreModule {
  static forRoot(options: StoreOptions): DynamicModule {
    const owned = !('opened' in options) || options.closeOnShutdown === true;
    return {
      module: StoreModule,
      providers: [
        {
          provide: OPENED_STORE,
          useFactory: async (): Promise<OpenedStore> => {
            const opened = 'opened' in options ? options.opened : await openConfiguredStore(options.config);
            await migrate(opened.client, idempotencyRecordsMigrations);
            return opened;
          },
        },
        { provide: OWNS_STORE, useValue: owned },
        { provide: EVENT_STORE, useFactory: (opened: OpenedStore) => opened.store, inject: [OPENED_STORE] },
        { provide: SQL_CLIENT, useFactory: (opened: OpenedStore) => opened.client, inject: [OPENED_STORE] },
        {
          provide: LOG_LAG_COUNTER,
          useFactory: (opened: OpenedStore) => logLagCounterFor(opened.store, opened.logClient),
          inject: [OPENED_STORE],
        },
        StoreLifecycle,
      ],
      exports: [EVENT_STORE, SQL_CLIENT, LOG_LAG_COUNTER],
    };
  }
}
