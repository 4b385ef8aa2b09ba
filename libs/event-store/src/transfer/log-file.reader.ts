import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { compareLogPositions, eventMetadataOf, type ImportedEvent } from '../event-store.port';
import { ChainVerifier } from '../hash-chain';
import {
  LOG_FILE_FORMAT,
  LOG_FILE_FORMAT_VERSION,
  LogFileError,
  type LogFileEvent,
  type LogFileHeader,
  type LogFileManifest,
} from './log-file.format';

export interface LogFileReaderOptions {
  /** Refuse a stream whose first event in the file is not its version 1 (an import into an empty store needs whole streams). */
  readonly requireWholeStreams?: boolean;
  /** Called every `progressEvery` events with the number read so far. */
  readonly onProgress?: (events: number) => void;
  readonly progressEvery?: number;
}

/** A file read to its end: every line held. */
export interface ValidLogFile {
  readonly header: LogFileHeader;
  readonly manifest: LogFileManifest;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const positionPattern = /^(0|[1-9][0-9]{0,38})$/;

/**
 * Reads an export file line by line (bounded memory: one line, and one chain tip per stream) and
 * checks everything an import relies on: the header and format, each line's shape, contiguous
 * stream versions, the hash chain, and a manifest that closes the file and matches what was read.
 * Every problem is a `LogFileError` naming the line. Each call of `events()` reads the file anew.
 */
export class LogFileReader {
  constructor(
    readonly path: string,
    private readonly options: LogFileReaderOptions = {},
  ) {}

  /** Reads the whole file, checking it. */
  async validate(): Promise<ValidLogFile> {
    let file: ValidLogFile | null = null;
    const events = this.events((valid) => (file = valid));
    for await (const _ of events);
    return file!;
  }

  /** The events as an import takes them; throws when the file turns out bad, the manifest last of all. */
  async *importedEvents(): AsyncGenerator<ImportedEvent> {
    for await (const event of this.events()) {
      yield {
        streamId: event.streamId,
        version: event.version,
        eventId: event.eventId,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
        recordedAt: event.recordedAt,
      };
    }
  }

  async *events(onValid?: (file: ValidLogFile) => void): AsyncGenerator<LogFileEvent> {
    const input = createReadStream(this.path, { encoding: 'utf8' });
    const lines = createInterface({ input, crlfDelay: Infinity });
    const progressEvery = this.options.progressEvery ?? 1_000;
    let header: LogFileHeader | null = null;
    let manifest: LogFileManifest | null = null;
    let verifier = new ChainVerifier();
    const byType: Record<string, number> = {};
    let firstPosition: string | null = null;
    const streams = new Set<string>();
    let lineNumber = 0;
    try {
      for await (const text of readLines(lines, this.path)) {
        lineNumber += 1;
        const line = parseLine(text, lineNumber);
        if (manifest !== null) {
          throw new LogFileError(lineNumber, 'a line follows the manifest, which must be the last line');
        }
        if (header === null) {
          header = asHeader(line, lineNumber);
          verifier = new ChainVerifier({ trustFirstLinks: header.selection.from !== undefined });
          continue;
        }
        if (line.kind === 'manifest') {
          manifest = asManifest(line, lineNumber);
          checkManifest(manifest, lineNumber, verifier, byType, firstPosition);
          continue;
        }
        const event = asEvent(line, lineNumber);
        const previous = verifier.head.position;
        if (previous !== null && compareLogPositions(previous, event.position) >= 0) {
          throw new LogFileError(lineNumber, `position ${event.position} does not follow position ${previous}: events must be in log order`);
        }
        const isNewStream = !streams.has(event.streamId);
        streams.add(event.streamId);
        if (isNewStream && event.version !== 1 && this.options.requireWholeStreams === true) {
          throw new LogFileError(
            lineNumber,
            `stream ${event.streamId} starts at version ${event.version}, not 1: a time-range export that begins mid-stream cannot be imported into an empty store`,
          );
        }
        const found = verifier.check(event);
        if (found !== null) {
          throw new LogFileError(lineNumber, `the chain breaks at ${found.streamId} version ${found.version} (event ${found.eventId}): ${found.reason}, ${found.detail}`);
        }
        firstPosition ??= event.position;
        byType[event.type] = (byType[event.type] ?? 0) + 1;
        if (verifier.head.events % progressEvery === 0) this.options.onProgress?.(verifier.head.events);
        yield event;
      }
    } finally {
      lines.close();
      input.destroy();
    }
    if (header === null) {
      throw new LogFileError(null, 'the file is empty: it is not an export file');
    }
    if (manifest === null) {
      throw new LogFileError(null, 'the file ends without its manifest: it is truncated');
    }
    this.options.onProgress?.(verifier.head.events);
    onValid?.({ header, manifest });
  }
}

async function* readLines(lines: AsyncIterable<string>, path: string): AsyncGenerator<string> {
  try {
    yield* lines;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new LogFileError(null, `cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message}`);
  }
}

function parseLine(text: string, lineNumber: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LogFileError(lineNumber, 'not JSON (is the file truncated?)');
  }
  if (!isObject(value)) throw new LogFileError(lineNumber, 'not a JSON object');
  return value;
}

function asHeader(line: Record<string, unknown>, lineNumber: number): LogFileHeader {
  if (line.kind !== 'header' || line.format !== LOG_FILE_FORMAT) {
    throw new LogFileError(lineNumber, `not an export file: the first line must be its header (format "${LOG_FILE_FORMAT}")`);
  }
  if (line.formatVersion !== LOG_FILE_FORMAT_VERSION) {
    throw new LogFileError(lineNumber, `format version ${JSON.stringify(line.formatVersion)} is not known here (this partnerctl reads version ${LOG_FILE_FORMAT_VERSION})`);
  }
  const selection = line.selection;
  if (!isObject(selection) || !['partnerId', 'from', 'to'].every((key) => selection[key] === undefined || typeof selection[key] === 'string')) {
    throw new LogFileError(lineNumber, 'the header has no valid selection');
  }
  if (typeof line.exportedAt !== 'string') throw new LogFileError(lineNumber, 'the header has no exportedAt');
  const chosen = (key: string) => (typeof selection[key] === 'string' ? { [key]: selection[key] } : {});
  return {
    kind: 'header',
    format: LOG_FILE_FORMAT,
    formatVersion: LOG_FILE_FORMAT_VERSION,
    exportedAt: line.exportedAt,
    selection: { ...chosen('partnerId'), ...chosen('from'), ...chosen('to') },
  };
}

function asEvent(line: Record<string, unknown>, lineNumber: number): LogFileEvent {
  const wrong = (what: string) => new LogFileError(lineNumber, `not a valid event line: ${what}`);
  if (line.kind !== 'event') throw new LogFileError(lineNumber, `unexpected line of kind ${JSON.stringify(line.kind)}: an event or the manifest was expected`);
  if (typeof line.streamId !== 'string' || line.streamId === '') throw wrong('streamId must be a non-empty string');
  if (typeof line.version !== 'number' || !Number.isInteger(line.version) || line.version < 1) throw wrong('version must be a positive integer');
  if (typeof line.eventId !== 'string' || !uuidPattern.test(line.eventId)) throw wrong('eventId must be a UUID');
  if (typeof line.type !== 'string' || line.type === '') throw wrong('type must be a non-empty string');
  if (!isObject(line.data)) throw wrong('data must be an object');
  const metadata = isObject(line.metadata) ? eventMetadataOf(line.metadata) : null;
  if (metadata === null) throw wrong('metadata must be an object with occurredAt, actor, correlationId, causationId and schemaVersion');
  if (typeof line.recordedAt !== 'string' || Number.isNaN(Date.parse(line.recordedAt))) throw wrong('recordedAt must be an ISO 8601 time');
  if (typeof line.position !== 'string' || !positionPattern.test(line.position)) throw wrong('position must be a decimal string');
  const { streamId, version, eventId, type, data, recordedAt, position } = line;
  return { kind: 'event', streamId, version, eventId, type, data, metadata, recordedAt, position };
}

function asManifest(line: Record<string, unknown>, lineNumber: number): LogFileManifest {
  const counts = typeof line.events === 'number' && typeof line.streams === 'number' && isObject(line.byType);
  const nullableStrings = ['firstPosition', 'lastPosition', 'headHash'].every((key) => line[key] === null || typeof line[key] === 'string');
  const nullableString = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  if (!counts || !nullableStrings || !isObject(line.byType)) throw new LogFileError(lineNumber, 'not a valid manifest');
  const byType: Record<string, number> = {};
  for (const [type, count] of Object.entries(line.byType)) {
    if (typeof count !== 'number') throw new LogFileError(lineNumber, 'not a valid manifest: byType counts must be numbers');
    byType[type] = count;
  }
  return {
    kind: 'manifest',
    events: line.events as number,
    streams: line.streams as number,
    byType,
    firstPosition: nullableString(line.firstPosition),
    lastPosition: nullableString(line.lastPosition),
    headHash: nullableString(line.headHash),
  };
}

function checkManifest(
  manifest: LogFileManifest,
  lineNumber: number,
  verifier: ChainVerifier,
  byType: Readonly<Record<string, number>>,
  firstPosition: string | null,
): void {
  const head = verifier.head;
  const mismatch = (what: string, read: unknown, stated: unknown) =>
    new LogFileError(lineNumber, `the manifest says ${what} ${JSON.stringify(stated)}, the file holds ${JSON.stringify(read)}`);
  if (manifest.events !== head.events) throw mismatch('events', head.events, manifest.events);
  if (manifest.streams !== verifier.streams) throw mismatch('streams', verifier.streams, manifest.streams);
  const types = new Set([...Object.keys(byType), ...Object.keys(manifest.byType)]);
  for (const type of types) {
    if (manifest.byType[type] !== byType[type]) throw mismatch(`${type} events`, byType[type] ?? 0, manifest.byType[type] ?? 0);
  }
  if (manifest.firstPosition !== firstPosition) throw mismatch('firstPosition', firstPosition, manifest.firstPosition);
  if (manifest.lastPosition !== head.position) throw mismatch('lastPosition', head.position, manifest.lastPosition);
  if (manifest.headHash !== head.hash) throw mismatch('headHash', head.hash, manifest.headHash);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
