/** A value COPY's text format can carry: null is `\N`, booleans `t`/`f`, the rest by `String()`. */
export type CopyValue = string | number | bigint | boolean | null;

/** The characters COPY's text format escapes: backslash, and the row and column delimiters. */
const SPECIAL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function field(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return String(value).replace(SPECIAL, (character) => ESCAPES[character]);
}

/** Rows in PostgreSQL's COPY text format: a line per row, fields separated by tabs. */
export function copyText(rows: readonly (readonly CopyValue[])[]): string {
  let text = '';
  for (const row of rows) {
    text += row.map(field).join('\t') + '\n';
  }
  return text;
}

/** `copyText` of `rows` a slice at a time, so that a large load never holds its whole text at once. */
export function* copyTextChunks(rows: readonly (readonly CopyValue[])[], rowsPerChunk = 10_000): Generator<string> {
  for (let start = 0; start < rows.length; start += rowsPerChunk) {
    yield copyText(rows.slice(start, start + rowsPerChunk));
  }
}

/** The COPY statement that loads `columns` of `table` from the client. */
export function copyFromStatement(table: string, columns: readonly string[], source: 'STDIN' | "'/dev/blob'"): string {
  return `COPY ${table} (${columns.join(', ')}) FROM ${source}`;
}
