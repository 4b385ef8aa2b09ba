import { DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createSqlEventStore, type EventStore, type SqlClient } from '@partnerships/event-store';
import { EVENT_STORE, SQL_CLIENT } from './store.tokens';

export interface OpenedStore {
  readonly store: EventStore;
  readonly client: SqlClient;
}

export type StoreOptions =
  | { readonly databaseUrl: string | null; readonly dataDir: string; readonly schema?: string }
  /** A store opened by the caller; closed on shutdown only when `closeOnShutdown` (tests close their own). */
  | { readonly opened: OpenedStore; readonly closeOnShutdown?: boolean };

/** Opens the store the configuration names: PostgreSQL with DATABASE_URL, else PGlite in DATA_DIR. */
export function openConfiguredStore(options: { readonly databaseUrl: string | null; readonly dataDir: string; readonly schema?: string }): Promise<OpenedStore> {
  return createSqlEventStore({
    databaseUrl: options.databaseUrl ?? undefined,
    dataDir: options.databaseUrl ? undefined : options.dataDir,
    schema: options.schema,
  });
}

const OPENED_STORE = Symbol('OPENED_STORE');
const OWNS_STORE = Symbol('OWNS_STORE');

class StoreLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(OPENED_STORE) private readonly opened: OpenedStore,
    @Inject(OWNS_STORE) private readonly owned: boolean,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    // The store owns its SQL client and closes it too.
    if (this.owned) await this.opened.store.close();
  }
}

/** Opens the event store (PGlite on disk by default, PostgreSQL with DATABASE_URL) and migrates it. */
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
          useFactory: (): Promise<OpenedStore> =>
            'opened' in options ? Promise.resolve(options.opened) : openConfiguredStore(options),
        },
        { provide: OWNS_STORE, useValue: owned },
        { provide: EVENT_STORE, useFactory: (opened: OpenedStore) => opened.store, inject: [OPENED_STORE] },
        { provide: SQL_CLIENT, useFactory: (opened: OpenedStore) => opened.client, inject: [OPENED_STORE] },
        StoreLifecycle,
      ],
      exports: [EVENT_STORE, SQL_CLIENT],
    };
  }
}
