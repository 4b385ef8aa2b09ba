import { chunkMessages } from './message-chunks';

const message = (key: string, bytes: number) => ({ key, value: 'x'.repeat(bytes), headers: { ce_id: key } });

describe('cutting a page into sends', () => {
  it('keeps the order and stays under the byte bound', () => {
    const messages = Array.from({ length: 10 }, (_, i) => message(`m${i}`, 100));
    const chunks = chunkMessages(messages, 450);
    expect(chunks.flat()).toEqual(messages);
    expect(chunks.map((chunk) => chunk.length)).toEqual([3, 3, 3, 1]);
  });

  it('sends a message larger than the bound on its own', () => {
    const chunks = chunkMessages([message('a', 10), message('big', 5_000), message('b', 10)], 1_000);
    expect(chunks.map((chunk) => chunk.map((m) => m.key))).toEqual([['a'], ['big'], ['b']]);
  });
});
