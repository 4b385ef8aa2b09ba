import { randomBytes } from 'node:crypto';
import type { DecodedEvent, SqlClient } from '@partnerships/event-store';
import type { Projection } from '../projection';

export interface StreamCountFaults {
  /** Throws (after writing, so the rollback is exercised) when a batch holds this event id. */
  readonly refuseEventId?: string;
  /** Throws on every `apply` after this many successful ones: a crash in the middle of catch-up. */
  readonly crashAfterBatches?: number;
}

/** A test read model: events per stream. Its table is named after the projection. */
export class StreamCountProjection implements Projection {
  /** Sizes of the batches that `apply` received, failed ones included. */
  readonly batchSizes: number[] = [];
  readonly tables: readonly string[];
  private readonly table: string;
  private applied = 0;

  constructor(
    readonly name: string,
    private readonly faults: StreamCountFaults = {},
  ) {
    this.table = `${name}_stream_counts`;
    this.tables = [this.table];
  }

  static uniqueName(prefix = 'counts'): string {
    return `${prefix}_${randomBytes(4).toString('hex')}`;
  }

  async setup(tx: SqlClient): Promise<void> {
    await tx.exec(`CREATE TABLE IF NOT EXISTS ${this.table} (stream_id text PRIMARY KEY, events integer NOT NULL)`);
  }

  async apply(tx: SqlClient, events: readonly DecodedEvent[]): Promise<void> {
    this.batchSizes.push(events.length);
    const counts: Record<string, number> = {};
    for (const event of events) {
      counts[event.streamId] = (counts[event.streamId] ?? 0) + 1;
    }
    await tx.query(
      `INSERT INTO ${this.table} (stream_id, events)
       SELECT key, value::int FROM jsonb_each_text($1::jsonb)
       ON CONFLICT (stream_id) DO UPDATE SET events = ${this.table}.events + excluded.events`,
      [JSON.stringify(counts)],
    );
    if (this.faults.crashAfterBatches !== undefined && this.applied >= this.faults.crashAfterBatches) {
      throw new Error('injected fatal error');
    }
    const refused = events.find((event) => event.eventId === this.faults.refuseEventId);
    if (refused !== undefined) {
      throw new Error(`cannot count event ${refused.eventId}`);
    }
    this.applied += 1;
  }

  async read(client: SqlClient): Promise<Record<string, number>> {
    const { rows } = await client.query<{ stream_id: string; events: number }>(
      `SELECT stream_id, events FROM ${this.table} ORDER BY stream_id`,
    );
    return Object.fromEntries(rows.map((row) => [row.stream_id, Number(row.events)]));
  }
}
