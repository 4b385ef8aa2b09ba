export interface TableColumn {
  readonly header: string;
  /** Numbers read better right-aligned. */
  readonly align?: 'left' | 'right';
}

/** Rows under a header, each column as wide as its widest cell, two spaces apart; ends with a newline. */
export function alignedTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): string {
  const lines = [columns.map((column) => column.header), ...rows];
  const widths = columns.map((_, index) => Math.max(...lines.map((line) => (line[index] ?? '').length)));
  return lines
    .map((line) =>
      columns
        .map((column, index) => {
          const cell = line[index] ?? '';
          return column.align === 'right' ? cell.padStart(widths[index]) : cell.padEnd(widths[index]);
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
    .concat('\n');
}
