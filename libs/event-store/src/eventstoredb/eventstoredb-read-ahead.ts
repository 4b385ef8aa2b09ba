import type { Position } from '@eventstore/db-client';
import type { RecordedEvent } from '../event-store.port';
import { comparePositions, fromLogPosition } from './eventstoredb-position';

/** What one read of `$all` covered: every event of ours after `from` up to `through`. */
export interface LogSpan {
  /** Exclusive start; null: the start of the log. */
  readonly from: Position | null;
  /** The last position the read scanned (ours or not). */
  readonly through: Position;
  /** Our events in (from, through], in log order. */
  readonly events: readonly RecordedEvent[];
}

/**
 * The last few spans of `$all` read, shared by every reader of this store: the projections and the
 * relay read the same stretch of the log page by page, and a page served from here is a round trip
 * (and a protobuf decode of every event) saved. `$all` never changes behind its head, so a span
 * stays exact; only what lies after `through` must come from the server.
 */
export class LogReadAhead {
  private readonly spans: LogSpan[] = [];

  constructor(private readonly capacity = 8) {}

  /** Our events after `after` that a kept span covers, and where the server must go on from. */
  lookup(after: Position | null): { readonly events: readonly RecordedEvent[]; readonly through: Position } | null {
    for (let i = this.spans.length - 1; i >= 0; i -= 1) {
      const span = this.spans[i];
      const startsInside =
        (span.from === null || (after !== null && comparePositions(after, span.from) >= 0)) &&
        (after === null || comparePositions(after, span.through) <= 0);
      if (startsInside) {
        const events = after === null ? span.events : span.events.filter((event) => comparePositions(fromLogPosition(event.position), after) > 0);
        return { events, through: span.through };
      }
    }
    return null;
  }

  keep(span: LogSpan): void {
    this.spans.push(span);
    if (this.spans.length > this.capacity) this.spans.shift();
  }
}
