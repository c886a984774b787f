/** Finished tasks, estimate against actual minutes: two bars a task, so over- and under-runs show at a glance. */
import type { DashboardModel, TaskRow } from '../../../core/dashboardModel';
import type { DashboardText } from '../../../vscode/dashboard/protocol';
import { TableIds } from '../../../vscode/dashboard/protocol';
import { dataTable } from '../dataTable';
import { chartFrame, h, svg, swatch, withTooltip } from '../dom';
import { chartSection, note } from '../section';
import { fill, minutesText, truncate } from '../text';

const WIDTH = 860;
const LABEL = 300;
const VALUE = 130;
const ROW = 30;
const BAR = 10;
/** As in barList: a generous character width for the 11px chart font. */
const CHAR = 7;

export function tasksSection(model: DashboardModel, text: DashboardText): HTMLElement {
  const tasks = model.tasks;
  if (tasks.length === 0) return chartSection('tasks', text.tasksTitle, [note(text.tasksEmpty)]);
  const title = (task: TaskRow) => task.title || text.untitled;
  const estimated = tasks.reduce((sum, t) => sum + t.estimateMinutes, 0);
  const took = tasks.reduce((sum, t) => sum + t.actualMinutes, 0);
  const chart = chartFrame(WIDTH, tasks.length * ROW + 4, fill(text.tasksLabel, minutesText(text, estimated), minutesText(text, took)), 'tasks-chart');
  const max = Math.max(1, ...tasks.flatMap((t) => [t.estimateMinutes, t.actualMinutes]));
  const area = WIDTH - LABEL - VALUE;
  tasks.forEach((task, i) => {
    const y = i * ROW + 4;
    const figures = `${minutesText(text, task.estimateMinutes)} → ${minutesText(text, task.actualMinutes)}`;
    const tooltip = `${title(task)} (${text.kinds[task.kind]}, ${task.finishedDay}): ${text.estimate} ${minutesText(text, task.estimateMinutes)}, ${text.actual} ${minutesText(text, task.actualMinutes)}`;
    chart.append(svg('text', { class: 'label', x: LABEL - 8, y: y + BAR + 4, 'text-anchor': 'end' }, truncate(title(task), Math.floor((LABEL - 12) / CHAR))));
    chart.append(withTooltip(svg('rect', { class: 'bar bar-estimate', x: LABEL, y, width: Math.max(2, (task.estimateMinutes / max) * area), height: BAR, rx: 2 }), tooltip));
    const actual = Math.max(2, (task.actualMinutes / max) * area);
    chart.append(withTooltip(svg('rect', { class: 'bar bar-actual', x: LABEL, y: y + BAR + 2, width: actual, height: BAR, rx: 2 }), tooltip));
    chart.append(svg('text', { class: 'value', x: LABEL + Math.max(actual, (task.estimateMinutes / max) * area) + 6, y: y + BAR + 4 }, figures));
  });
  const legend = h('ul', { class: 'legend' }, h('li', {}, swatch('bar bar-estimate'), text.estimate), h('li', {}, swatch('bar bar-actual'), text.actual));
  const table = dataTable({
    id: TableIds.tasks,
    caption: text.tasksTitle,
    headers: [text.task, text.kind, text.finished, text.estimate, text.actual],
    rows: tasks.map((t) => [title(t), text.kinds[t.kind], t.finishedDay, minutesText(text, t.estimateMinutes), minutesText(text, t.actualMinutes)]),
    numeric: [3, 4],
  });
  return chartSection('tasks', text.tasksTitle, [chart, legend], { summary: text.showTable, table });
}
