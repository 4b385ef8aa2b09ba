import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Observable } from 'rxjs';
import type { EventStore, NewEvent, RecordedEvent } from '../event-store.port';
import { EMPTY_STREAM_TIP, sealEvents } from '../hash-chain';
import { LogFileReader } from './log-file.reader';
import { writeLogFile, type WriteLogFileOptions } from './log-file.writer';

function newEvent(n: number): NewEvent {
  return {
    eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    type: n % 2 === 0 ? 'LeadReferred' : 'CommissionEarned',
    data: { n },
    metadata: { occurredAt: '2024-01-01T00:00:00.000Z', actor: 'a', correlationId: 'c', causationId: null, schemaVersion: 1 },
  };
}

/** Two partners' sealed streams interleaved, one event a minute from 2024-01-01, positions 10, 20, … */
function sealedLog(): RecordedEvent[] {
  const streams = ['partnership-p1', 'partnership-p2'].map((streamId, s) =>
    sealEvents(streamId, EMPTY_STREAM_TIP, [1, 2, 3].map((n) => newEvent(s * 10 + n))).map((event, i) => ({ ...event, streamId, version: i + 1 })),
  );
  return [0, 1, 2].flatMap((i) => [streams[0][i], streams[1][i]]).map((event, i) => ({
    ...event,
    position: String((i + 1) * 10),
    recordedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
  }));
}

/** The log as a store reads it back: only the two reads an export makes. */
function storeOf(log: readonly RecordedEvent[]): EventStore {
  return {
    readAll: async ({ after, limit } = {}) => log.filter((event) => after == null || BigInt(event.position) > BigInt(after)).slice(0, limit),
    readStream: async (streamId, { fromVersion = 1, maxCount } = {}) =>
      log.filter((event) => event.streamId === streamId && event.version >= fromVersion).slice(0, maxCount),
    appendToStream: () => Promise.reject(new Error('read only')),
    importLog: () => Promise.reject(new Error('read only')),
    subscribeToAll: () => new Observable(),
    headPosition: async () => log.at(-1)?.position ?? null,
    ping: async () => undefined,
    close: async () => undefined,
  };
}

describe('the export file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'log-file-'));
  let count = 0;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function exported(options: WriteLogFileOptions = {}): Promise<{ path: string; lines: string[] }> {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    await writeLogFile(storeOf(sealedLog()), out, { pageSize: 4, ...options });
    const text = Buffer.concat(chunks).toString('utf8');
    const path = join(dir, `log-${(count += 1)}.ndjson`);
    writeFileSync(path, text);
    return { path, lines: text.trimEnd().split('\n') };
  }

  function variant(text: string): string {
    const path = join(dir, `variant-${(count += 1)}.ndjson`);
    writeFileSync(path, text);
    return path;
  }

  it('reads back what was written, events in log order, with a manifest that matches', async () => {
    const { path, lines } = await exported();

    const { header, manifest } = await new LogFileReader(path).validate();
    const events = [];
    for await (const event of new LogFileReader(path).importedEvents()) events.push(event);

    expect(header).toMatchObject({ kind: 'header', format: 'partnerships-log', formatVersion: 1, selection: {} });
    expect(manifest).toMatchObject({ events: 6, streams: 2, byType: { CommissionEarned: 4, LeadReferred: 2 }, firstPosition: '10', lastPosition: '60' });
    expect(manifest.headHash).toMatch(/^[0-9a-f]{64}$/);
    expect(lines).toHaveLength(8);
    expect(events.map(({ streamId, version, eventId, type, data, metadata, recordedAt }) => ({ streamId, version, eventId, type, data, metadata, recordedAt }))).toEqual(
      sealedLog().map(({ position: _position, ...event }) => event),
    );
  });

  it('selects one partner stream, and a recordedAt range from inclusive to exclusive', async () => {
    const partner = await exported({ selection: { partnerId: 'p2' } });
    const range = await exported({ selection: { from: '2024-01-01T00:02:00.000Z', to: '2024-01-01T00:05:00.000Z' } });

    const events = (lines: string[]) => lines.slice(1, -1).map((line) => JSON.parse(line) as RecordedEvent);
    expect(events(partner.lines).map((event) => [event.streamId, event.version])).toEqual([['partnership-p2', 1], ['partnership-p2', 2], ['partnership-p2', 3]]);
    expect(events(range.lines).map((event) => event.position)).toEqual(['30', '40', '50']);
    await expect(new LogFileReader(range.path).validate()).resolves.toMatchObject({ manifest: { events: 3, streams: 2 } });
    // It starts in the middle of both streams: an empty store cannot take it.
    await expect(new LogFileReader(range.path, { requireWholeStreams: true }).validate()).rejects.toThrow(
      /^line 2: stream partnership-p1 starts at version 2, not 1: a time-range export that begins mid-stream cannot be imported/,
    );
  });

  const corruptions: [string, (lines: string[]) => string, RegExp][] = [
    ['cut in the middle of a line', (lines) => `${lines.slice(0, 4).join('\n')}\n${lines[4].slice(0, 30)}`, /^line 5: not JSON \(is the file truncated\?\)$/],
    ['without its manifest', (lines) => lines.slice(0, -1).join('\n'), /^the file ends without its manifest: it is truncated$/],
    ['with the data of an event changed', (lines) => lines.map((line, i) => (i === 2 ? line.replace('"n":11', '"n":12') : line)).join('\n'), /^line 3: the chain breaks at partnership-p2 version 1 .*content-changed/],
    ['with an event left out', (lines) => lines.filter((_, i) => i !== 3).join('\n'), /^line 5: the chain breaks at partnership-p1 version 3 .*event-missing/],
    ['with a manifest that does not match', (lines) => [...lines.slice(0, -1), lines[7].replace('"events":6', '"events":7')].join('\n'), /^line 8: the manifest says events 7, the file holds 6$/],
    ['with a line after the manifest', (lines) => [...lines, lines[1]].join('\n'), /^line 9: a line follows the manifest/],
    ['of another format', (lines) => [lines[0].replace('"formatVersion":1', '"formatVersion":2'), ...lines.slice(1)].join('\n'), /^line 1: format version 2 is not known here/],
    ['that is not an export', () => 'hello\n', /^line 1: not JSON/],
    ['with an event line of the wrong shape', (lines) => lines.map((line, i) => (i === 5 ? line.replace(/"version":\d+/, '"version":"3"') : line)).join('\n'), /^line 6: not a valid event line: version must be a positive integer$/],
  ];

  it.each(corruptions)('names the line of a file %s', async (_name, corrupt, message) => {
    const { lines } = await exported();
    const path = variant(corrupt(lines));

    await expect(new LogFileReader(path).validate()).rejects.toThrow(message);
  });

  it('says so when the file cannot be read', async () => {
    await expect(new LogFileReader(join(dir, 'missing.ndjson')).validate()).rejects.toThrow(`cannot read ${join(dir, 'missing.ndjson')}: no such file`);
  });
});
