/** The drift map: the areas where the team has been busiest over 90 days, and when the user last touched each. */
import type { DashboardModel, DriftRow } from '../../../core/dashboardModel';
import type { DashboardText } from '../../../vscode/dashboard/protocol';
import { TableIds } from '../../../vscode/dashboard/protocol';
import { dataTable } from '../dataTable';
import { chartSection, note } from '../section';
import { fill } from '../text';
import { barList } from './barList';

export function driftSection(model: DashboardModel, text: DashboardText): HTMLElement {
  const rows = model.drift;
  if (rows === undefined) return chartSection('drift', text.driftTitle, [note(text.driftReading)]);
  if (rows.length === 0) return chartSection('drift', text.driftTitle, [note(text.driftEmpty)]);
  // With one repository its name would repeat on every row; with several it tells the rows apart.
  const several = new Set(rows.map((r) => r.repo)).size > 1;
  const area = (row: DriftRow) => (several ? `${row.repo} · ${row.dir}` : row.dir);
  const touched = (row: DriftRow) => row.lastTouchedDay ?? text.never;
  const commits = (count: number) => (count === 1 ? text.oneCommit : fill(text.commitsCount, count));
  const bars = rows.map((row) => ({
    label: area(row),
    value: row.teamCommits,
    valueText: `${commits(row.teamCommits)} · ${fill(text.youLastTouched, touched(row))}`,
    tooltip: `${row.repo} · ${row.dir}: ${commits(row.teamCommits)}, ${fill(text.youLastTouched, touched(row))}`,
  }));
  const chart = barList(bars, { width: 860, labelWidth: 300, valueWidth: 220, barClass: 'bar-drift', chartClass: 'drift-chart' }, fill(text.driftLabel, area(rows[0]!), commits(rows[0]!.teamCommits)));
  const table = dataTable({
    id: TableIds.drift,
    caption: text.driftTitle,
    headers: [text.area, text.repository, text.teamCommits, text.lastTouched],
    rows: rows.map((row) => [row.dir, row.repo, String(row.teamCommits), touched(row)]),
    numeric: [2],
  });
  return chartSection('drift', text.driftTitle, [chart], { summary: text.showTable, table });
}
