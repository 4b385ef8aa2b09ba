import type { EventMetadata, LogPosition } from '../event-store.port';

/**
 * The export file: NDJSON, one header line, one line per event in log order, one manifest line.
 * A file without its manifest is truncated; the manifest's `headHash` is the log hash
 * (ChainVerifier) of the exported events in file order, which an import into any store reproduces.
 */
export const LOG_FILE_FORMAT = 'partnerships-log';
export const LOG_FILE_FORMAT_VERSION = 1;

/** What was exported: one partner's stream, a recordedAt range (from inclusive, to exclusive), or both; nothing is the whole log. */
export interface LogSelection {
  readonly partnerId?: string;
  readonly from?: string;
  readonly to?: string;
}

export interface LogFileHeader {
  readonly kind: 'header';
  readonly format: typeof LOG_FILE_FORMAT;
  readonly formatVersion: number;
  readonly exportedAt: string;
  readonly selection: LogSelection;
}

export interface LogFileEvent {
  readonly kind: 'event';
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: EventMetadata;
  readonly recordedAt: string;
  /** The position in the store it was exported from: it orders the file, no other store uses it. */
  readonly position: LogPosition;
}

export interface LogFileManifest {
  readonly kind: 'manifest';
  readonly events: number;
  readonly streams: number;
  readonly byType: Readonly<Record<string, number>>;
  readonly firstPosition: LogPosition | null;
  readonly lastPosition: LogPosition | null;
  readonly headHash: string | null;
}

/** A problem of an export file, as one line naming where it is. */
export class LogFileError extends Error {
  readonly code = 'LOG_FILE_INVALID';

  constructor(
    /** 1-based; null for a problem of the file as a whole. */
    readonly line: number | null,
    problem: string,
  ) {
    super(line === null ? problem : `line ${line}: ${problem}`);
    this.name = 'LogFileError';
  }
}
