import { h } from './dom';
import { foldedTable } from './dataTable';

/** One chart of the page: its heading, the chart (or a sentence when there is nothing to draw), and its table. */
export function chartSection(id: string, title: string, body: readonly Node[], table?: { readonly summary: string; readonly table: HTMLTableElement }): HTMLElement {
  const headingId = `${id}-heading`;
  return h('section', { id, 'aria-labelledby': headingId }, h('h2', { id: headingId }, title), ...body, ...(table ? [foldedTable(table.summary, table.table)] : []));
}

/** A sentence in place of a chart: nothing recorded yet, still reading. */
export function note(text: string): HTMLParagraphElement {
  return h('p', { class: 'note' }, text);
}
