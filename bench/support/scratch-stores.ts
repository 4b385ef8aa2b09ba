/** Empty event stores of either kind for one benchmark step, each removed when closed or when the process ends. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqlEventStore, type SqlClient, type SqlEventStore } from '@partnerships/event-store';
import type { SchemaJanitor } from './bench-harness';

export type StoreKind = 'postgres' | 'pglite';

export const STORE_LABELS: Readonly<Record<StoreKind, string>> = { postgres: 'PostgreSQL', pglite: 'PGlite (on disk)' };

export interface ScratchStore {
  readonly kind: StoreKind;
  readonly store: SqlEventStore;
  /** The store's own client: for the few SQL questions a benchmark asks besides timing the store. */
  readonly client: SqlClient;
  /** Closes the store, then drops its schema or removes its directory. */
  close(): Promise<void>;
}

export class ScratchStores {
  /** Every PGlite directory and export file lives under this one directory. */
  readonly root: string;
  private count = 0;
  private readonly removeRoot = (): void => rmSync(this.root, { recursive: true, force: true });

  constructor(
    private readonly janitor: SchemaJanitor,
    private readonly databaseUrl: string,
    prefix: string,
  ) {
    this.root = mkdtempSync(join(tmpdir(), `${prefix}-`));
    // Synchronous, so it also runs on the janitor's exit after SIGINT/SIGTERM.
    process.once('exit', this.removeRoot);
  }

  /** A fresh PostgreSQL schema (migrated) or a fresh PGlite directory. */
  async open(kind: StoreKind, purpose: string): Promise<ScratchStore> {
    return kind === 'postgres' ? this.openPostgres(purpose) : this.openPglite(purpose);
  }

  /** A path under the root for a file the benchmark writes. */
  file(name: string): string {
    return join(this.root, `${++this.count}-${name}`);
  }

  dispose(): void {
    this.removeRoot();
    process.off('exit', this.removeRoot);
  }

  private async openPostgres(purpose: string): Promise<ScratchStore> {
    const schema = this.janitor.name(`bench_${purpose}`);
    const { store, client } = await createSqlEventStore({ databaseUrl: this.databaseUrl, schema });
    return {
      kind: 'postgres',
      store,
      client,
      close: async () => {
        await store.close(); // closes its client too
        await this.janitor.drop(schema);
      },
    };
  }

  private async openPglite(purpose: string): Promise<ScratchStore> {
    const dataDir = join(this.root, `${++this.count}-${purpose}`);
    const { store, client } = await createSqlEventStore({ dataDir });
    return {
      kind: 'pglite',
      store,
      client,
      close: async () => {
        await store.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
}
