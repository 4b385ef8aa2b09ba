import { copyText, copyTextChunks } from './copy-text';

describe('COPY text format', () => {
  it('writes a line per row with tab-separated fields, \\N for null and t/f for booleans', () => {
    expect(copyText([['a', 1, null, true], ['b', 2n, 'x', false]])).toBe('a\t1\t\\N\tt\nb\t2\tx\tf\n');
  });

  it('escapes backslashes, tabs and line breaks inside a value, so a value cannot end its row or field', () => {
    expect(copyText([['back\\slash', 'tab\there', 'line\nbreak\r']])).toBe('back\\\\slash\ttab\\there\tline\\nbreak\\r\n');
  });

  it('writes nothing for no rows', () => {
    expect(copyText([])).toBe('');
  });

  it('cuts a large load into chunks of whole rows that join to the same text', () => {
    const rows = Array.from({ length: 25 }, (_, i) => [`p${i}`, i]);
    const chunks = [...copyTextChunks(rows, 10)];
    expect(chunks).toHaveLength(3);
    expect(chunks.join('')).toBe(copyText(rows));
    expect(chunks.every((chunk) => chunk.endsWith('\n'))).toBe(true);
  });
});
