/** Where the coding time of the last 12 weeks went: by repository and by language, side by side. */
import type { DashboardModel, SplitRow } from '../../../core/dashboardModel';
import type { DashboardText } from '../../../vscode/dashboard/protocol';
import { TableIds } from '../../../vscode/dashboard/protocol';
import { dataTable, foldedTable } from '../dataTable';
import { h } from '../dom';
import { chartSection, note } from '../section';
import { fill, minutesText, percent } from '../text';
import { type Bar, barList } from './barList';

/** Bars drawn per split; the rest are summed into "Other" (the table lists every row). */
const MAX_BARS = 8;

export function splitSection(model: DashboardModel, text: DashboardText): HTMLElement {
  const repositories = half(model.byRepo, text.byRepository, text.repository, text.noRepository, TableIds.byRepository, 'bar-repository', text);
  const languages = half(model.byLanguage, text.byLanguage, text.language, text.unknownLanguage, TableIds.byLanguage, 'bar-language', text);
  return chartSection('split', text.splitTitle, [h('div', { class: 'split' }, repositories, languages)]);
}

function half(rows: readonly SplitRow[], title: string, column: string, unnamed: string, tableId: string, barClass: string, text: DashboardText): HTMLElement {
  const name = (row: SplitRow) => row.label || unnamed;
  const figure = (minutes: number, share: number) => `${minutesText(text, minutes)} · ${percent(share)}`;
  if (rows.length === 0) return h('div', { class: 'split-half' }, h('h3', {}, title), note(text.nothingRecorded));
  const shown = rows.length > MAX_BARS ? rows.slice(0, MAX_BARS - 1) : rows;
  const rest = rows.slice(shown.length);
  const bars: Bar[] = shown.map((row) => ({ label: name(row), value: row.minutes, valueText: figure(row.minutes, row.share), tooltip: `${row.key || unnamed}: ${figure(row.minutes, row.share)}` }));
  if (rest.length > 0) {
    const minutes = rest.reduce((sum, r) => sum + r.minutes, 0);
    const share = rest.reduce((sum, r) => sum + r.share, 0);
    bars.push({ label: text.other, value: minutes, valueText: figure(minutes, share), tooltip: `${text.other}: ${figure(minutes, share)}` });
  }
  const chart = barList(bars, { width: 430, labelWidth: 150, valueWidth: 100, barClass, chartClass: 'split-chart' }, fill(text.splitLabel, name(rows[0]!), figure(rows[0]!.minutes, rows[0]!.share)));
  const table = dataTable({
    id: tableId,
    caption: `${text.splitTitle}: ${title}`,
    headers: [column, text.codingTime, text.share],
    rows: rows.map((row) => [name(row), minutesText(text, row.minutes), percent(row.share)]),
    numeric: [1, 2],
  });
  return h('div', { class: 'split-half' }, h('h3', {}, title), chart, foldedTable(text.showTable, table));
}
