export type ColumnAlignment = 'left' | 'right';

/**
 * A plain-text table: a header row, then one line per row, columns two spaces apart. Numbers
 * read best right-aligned, so each column says how it aligns (left when not given).
 */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  alignments: readonly ColumnAlignment[] = [],
): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    widths
      .map((width, column) => {
        const cell = cells[column] ?? '';
        return alignments[column] === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].map((text) => `${text}\n`).join('');
}
