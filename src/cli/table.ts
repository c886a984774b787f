/** Plain-text tables for the terminal: fixed columns, long cells cut with an ellipsis, no colours. */

export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], maxWidths: readonly number[] = []): string {
  const cut = (text: string, max: number | undefined) => (max !== undefined && text.length > max ? `${text.slice(0, max - 1)}…` : text);
  const cells = [header, ...rows].map((row) => row.map((cell, i) => cut(oneLine(cell), maxWidths[i])));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]?.length ?? 0)));
  return cells
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd())
    .join('\n');
}

/** Titles come from comments and issue text: a newline or tab would break the table's rows. */
function oneLine(text: string): string {
  return text.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
}
