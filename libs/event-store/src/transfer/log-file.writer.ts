import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { partnershipStreamId } from '@partnerships/domain';
import type { EventStore, RecordedEvent } from '../event-store.port';
import { ChainVerifier, type ChainBreak } from '../hash-chain';
import { logPages } from '../reading/log-pages';
import {
  LOG_FILE_FORMAT,
  LOG_FILE_FORMAT_VERSION,
  type LogFileEvent,
  type LogFileHeader,
  type LogFileManifest,
  type LogSelection,
} from './log-file.format';

export interface WriteLogFileOptions {
  readonly selection?: LogSelection;
  readonly pageSize?: number;
  /** Called after each page read with the number of events read and written so far. */
  readonly onProgress?: (read: number, written: number) => void;
  readonly now?: () => Date;
}

export interface WrittenLogFile {
  readonly manifest: LogFileManifest;
  /** The first link of the exported events that does not hold: an import will refuse the file. */
  readonly firstBreak: ChainBreak | null;
}

const DEFAULT_PAGE_SIZE = 1_000;

/**
 * Writes the log (or the selection of it) to `out` as an export file, reading it page by page,
 * and waits for `out` to drain when it is behind. Does not end `out`.
 */
export async function writeLogFile(store: EventStore, out: Writable, options: WriteLogFileOptions = {}): Promise<WrittenLogFile> {
  const selection = options.selection ?? {};
  const from = selection.from === undefined ? null : Date.parse(selection.from);
  const to = selection.to === undefined ? null : Date.parse(selection.to);
  const selected = (event: RecordedEvent) => {
    if (from === null && to === null) return true;
    const at = Date.parse(event.recordedAt);
    return (from === null || at >= from) && (to === null || at < to);
  };
  // A range may begin in the middle of a stream: its first event there links to one not exported.
  const verifier = new ChainVerifier({ trustFirstLinks: from !== null });
  const byType: Record<string, number> = {};
  let firstPosition: string | null = null;
  let firstBreak: ChainBreak | null = null;
  let read = 0;
  const write = async (line: object) => {
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
  };

  const header: LogFileHeader = {
    kind: 'header',
    format: LOG_FILE_FORMAT,
    formatVersion: LOG_FILE_FORMAT_VERSION,
    exportedAt: (options.now?.() ?? new Date()).toISOString(),
    selection,
  };
  await write(header);
  const streamId = selection.partnerId === undefined ? undefined : partnershipStreamId(selection.partnerId);
  for await (const page of logPages(store, { streamId, pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE })) {
    read += page.length;
    // One write per page: a write per event costs more than the event's line.
    let lines = '';
    for (const event of page) {
      if (!selected(event)) continue;
      const found = verifier.check(event);
      firstBreak ??= found;
      firstPosition ??= event.position;
      byType[event.type] = (byType[event.type] ?? 0) + 1;
      lines += `${JSON.stringify(toLine(event))}\n`;
    }
    if (lines !== '' && !out.write(lines)) await once(out, 'drain');
    options.onProgress?.(read, verifier.head.events);
  }
  const head = verifier.head;
  const manifest: LogFileManifest = {
    kind: 'manifest',
    events: head.events,
    streams: verifier.streams,
    byType,
    firstPosition,
    lastPosition: head.position,
    headHash: head.hash,
  };
  await write(manifest);
  return { manifest, firstBreak };
}

function toLine(event: RecordedEvent): LogFileEvent {
  return {
    kind: 'event',
    streamId: event.streamId,
    version: event.version,
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
    position: event.position,
  };
}
