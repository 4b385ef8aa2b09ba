import type { RecordedEvent } from '../event-store.port';
import { toLogPosition } from './eventstoredb-position';
import { LogReadAhead } from './eventstoredb-read-ahead';

const at = (offset: number) => ({ commit: BigInt(offset), prepare: BigInt(offset) });
const event = (offset: number) => ({ eventId: `e${offset}`, position: toLogPosition(at(offset)) }) as RecordedEvent;
const ids = (events: readonly RecordedEvent[] | undefined) => events?.map((e) => e.eventId);

describe('the read-ahead of $all', () => {
  it('serves what a kept span covers after any position inside it, and says where the server must go on', () => {
    const readAhead = new LogReadAhead();
    readAhead.keep({ from: at(10), through: at(60), events: [event(20), event(40), event(50)] });

    expect(ids(readAhead.lookup(at(10))?.events)).toEqual(['e20', 'e40', 'e50']);
    expect(ids(readAhead.lookup(at(20))?.events)).toEqual(['e40', 'e50']);
    expect(ids(readAhead.lookup(at(45))?.events)).toEqual(['e50']);
    expect(readAhead.lookup(at(60))).toEqual({ events: [], through: at(60) });
    expect(readAhead.lookup(at(20))?.through).toEqual(at(60));
  });

  it('serves nothing before or after a span, and a span from the start only from the start', () => {
    const readAhead = new LogReadAhead();
    readAhead.keep({ from: at(10), through: at(60), events: [event(20)] });
    expect(readAhead.lookup(at(5))).toBeNull();
    expect(readAhead.lookup(at(61))).toBeNull();
    expect(readAhead.lookup(null)).toBeNull();

    readAhead.keep({ from: null, through: at(9), events: [event(3)] });
    expect(ids(readAhead.lookup(null)?.events)).toEqual(['e3']);
  });

  it('keeps only the last few spans', () => {
    const readAhead = new LogReadAhead(2);
    readAhead.keep({ from: at(0), through: at(10), events: [] });
    readAhead.keep({ from: at(10), through: at(20), events: [] });
    readAhead.keep({ from: at(20), through: at(30), events: [] });
    expect(readAhead.lookup(at(5))).toBeNull();
    expect(readAhead.lookup(at(15))).not.toBeNull();
  });
});
