import { DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { openConfiguredStore, type AppConfig, type OpenedStore } from '@partnerships/config';
import { EVENT_STORE, SQL_CLIENT } from './store.tokens';

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
            'opened' in options ? Promise.resolve(options.opened) : openConfiguredStore(options.config),
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
