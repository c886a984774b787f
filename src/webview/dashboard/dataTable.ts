/**
 * The accessible fallback of every chart: a real table with a caption and scoped headers, under a disclosure so
 * the page stays short. Screen readers get the figures the image only shows.
 */
import { h } from './dom';

export interface TableSpec {
  readonly id: string;
  readonly caption: string;
  readonly headers: readonly string[];
  /** Cell texts; the first cell of each row is its header. */
  readonly rows: readonly (readonly string[])[];
  /** Columns holding figures, aligned to the right. */
  readonly numeric?: readonly number[];
}

export function dataTable(spec: TableSpec): HTMLTableElement {
  const numeric = new Set(spec.numeric ?? []);
  const cellClass = (column: number): Record<string, string> => (numeric.has(column) ? { class: 'num' } : {});
  const head = h('tr', {}, ...spec.headers.map((header, column) => h('th', { scope: 'col', ...cellClass(column) }, header)));
  const body = spec.rows.map((row) =>
    h('tr', {}, ...row.map((cell, column) => (column === 0 ? h('th', { scope: 'row' }, cell) : h('td', cellClass(column), cell)))),
  );
  return h('table', { id: spec.id, class: 'data' }, h('caption', {}, spec.caption), h('thead', {}, head), h('tbody', {}, ...body));
}

/** The table under its chart, folded: "Show the figures as a table". */
export function foldedTable(summary: string, table: HTMLTableElement): HTMLDetailsElement {
  return h('details', { class: 'table-fold' }, h('summary', {}, summary), table);
}

/** Every data table's cell texts by id, header row first: what the extension's tests compare with the store. */
export function tableTexts(root: ParentNode): Record<string, string[][]> {
  const tables: Record<string, string[][]> = {};
  for (const table of root.querySelectorAll<HTMLTableElement>('table.data')) {
    tables[table.id] = [...table.rows].map((row) => [...row.cells].map((cell) => cell.textContent ?? ''));
  }
  return tables;
}
