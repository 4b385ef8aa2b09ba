import { createHash } from 'node:crypto';
import type { NewEvent, RecordedEvent } from '../event-store.port';
import { canonicalJson } from './canonical-json';
import { ChainVerifier } from './chain-verifier';
import { EMPTY_STREAM_TIP, chainTipOf, eventHash, sealEvents } from './event-hash';

function newEvent(n: number): NewEvent {
  return {
    eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    type: 'LeadReferred',
    data: { partnerId: 'p1', leadId: `l${n}`, estimatedValue: { amountMinor: 100 * n, currency: 'USD' } },
    metadata: { occurredAt: '2026-01-01T00:00:00.000Z', actor: 'a', correlationId: 'c', causationId: null, schemaVersion: 1 },
  };
}

/** A sealed stream as a store gives it back, with positions 10, 20, … */
function sealedStream(streamId: string, count: number): RecordedEvent[] {
  const sealed = sealEvents(streamId, EMPTY_STREAM_TIP, Array.from({ length: count }, (_, i) => newEvent(i + 1)));
  return sealed.map((event, i) => ({ ...event, streamId, version: i + 1, position: String((i + 1) * 10), recordedAt: '2026-01-01T00:00:01.000Z' }));
}

function firstBreak(events: readonly RecordedEvent[]) {
  const verifier = new ChainVerifier();
  for (const event of events) {
    const found = verifier.check(event);
    if (found) return found;
  }
  return null;
}

describe('the hash chain', () => {
  it('writes canonical JSON whatever the key order, and the same bytes for equal values', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: 1.5, y: undefined } })).toBe('{"a":[true,null,"x"],"b":1,"c":{"z":1.5}}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson({ 'say "hi"': 'é\n', '10': 1, '9': 2 })).toBe('{"10":1,"9":2,"say \\"hi\\"":"é\\n"}');
    expect(canonicalJson({ at: new Date('2026-01-01T00:00:00Z') })).toBe('{"at":"2026-01-01T00:00:00.000Z"}');
  });

  it('hashes, as SHA-256 in hex, the canonical JSON of the event without its chain members, with the previous hash', () => {
    const event = { ...newEvent(1), streamId: 'partnership-é', version: 3, data: { note: 'ünïcødé ✓', n: 1 } };
    const sealed = { ...event, metadata: { ...event.metadata, hash: 'stored', previousHash: 'p' } };
    const expected = createHash('sha256')
      .update(canonicalJson({ streamId: event.streamId, version: 3, eventId: event.eventId, type: event.type, data: event.data, metadata: event.metadata, previousHash: 'p' }), 'utf8')
      .digest('hex');
    expect(eventHash(sealed, 'p')).toBe(expected);
  });

  it('passes an untouched stream and links every event to the one before', () => {
    const events = sealedStream('partnership-p1', 4);
    expect(events[0].metadata.previousHash).toBeNull();
    expect(events[2].metadata.previousHash).toBe(events[1].metadata.hash);
    expect(firstBreak(events)).toBeNull();
  });

  it('continues a chain from the stored tip of a stream', () => {
    const first = sealedStream('partnership-p1', 2);
    const more = sealEvents('partnership-p1', chainTipOf(first[1]), [newEvent(3)]);
    expect(firstBreak([...first, { ...more[0], streamId: 'partnership-p1', version: 3, position: '30', recordedAt: first[1].recordedAt }])).toBeNull();
  });

  it('names the event whose data changed', () => {
    const events = sealedStream('partnership-p1', 4);
    events[2] = { ...events[2], data: { ...events[2].data, leadId: 'l9' } };
    expect(firstBreak(events)).toMatchObject({ version: 3, eventId: events[2].eventId, reason: 'content-changed' });
  });

  it('names the event after a deleted one', () => {
    const events = sealedStream('partnership-p1', 4);
    expect(firstBreak([events[0], events[1], events[3]])).toMatchObject({ version: 4, reason: 'event-missing' });
  });

  it('names the event after one whose hash was recomputed to hide a change', () => {
    const events = sealedStream('partnership-p1', 3);
    const forged = sealEvents('partnership-p1', chainTipOf(events[0]), [{ ...newEvent(2), data: { partnerId: 'p1', leadId: 'forged' } }])[0];
    events[1] = { ...events[1], ...forged, streamId: 'partnership-p1', version: 2 };
    expect(firstBreak(events)).toMatchObject({ version: 3, reason: 'link-broken' });
  });

  it('refuses an event moved to another stream', () => {
    const events = sealedStream('partnership-p1', 2);
    expect(firstBreak([{ ...events[0], streamId: 'partnership-p2' }])).toMatchObject({ reason: 'content-changed' });
  });

  it('reports an event without a hash', () => {
    const [first] = sealedStream('partnership-p1', 1);
    const { hash: _hash, ...metadata } = first.metadata;
    expect(firstBreak([{ ...first, metadata: metadata as RecordedEvent['metadata'] }])).toMatchObject({ reason: 'not-sealed' });
  });

  it('gives the same log hash for the same events wherever they are stored, and another when any event differs', () => {
    const log = [...sealedStream('partnership-p1', 3), ...sealedStream('partnership-p2', 2)];
    const head = (events: readonly RecordedEvent[]) => {
      const verifier = new ChainVerifier();
      events.forEach((event) => verifier.check(event));
      return verifier.head;
    };
    const elsewhere = log.map((event) => ({ ...event, position: `9${event.position}`, recordedAt: '2027-01-01T00:00:00.000Z' }));
    expect(head(elsewhere).hash).toBe(head(log).hash);
    expect(head(log)).toMatchObject({ events: 5, position: '20' });
    const changed = log.map((event, i) => (i === 1 ? { ...event, data: { ...event.data, leadId: 'x' } } : event));
    expect(head(changed).hash).not.toBe(head(log).hash);
  });
});
