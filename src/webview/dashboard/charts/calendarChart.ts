/**
 * The streak calendar: 52 weeks as columns of Monday-to-Sunday cells, like GitHub's contribution graph, but showing
 * what the streak rule made of each day: hands-on (shaded by minutes against the goal), frozen, missed, still open,
 * or not required at all.
 */
import type { CalendarCell, CalendarState, DashboardModel } from '../../../core/dashboardModel';
import type { DashboardText } from '../../../vscode/dashboard/protocol';
import { TableIds } from '../../../vscode/dashboard/protocol';
import { dataTable } from '../dataTable';
import { chartFrame, h, svg, swatch, withTooltip } from '../dom';
import { chartSection } from '../section';
import { type DayFormat, fill, minutesText } from '../text';

const CELL = 13;
const STEP = 16;
const LEFT = 34;
const TOP = 18;
/** The legend's order: what the user did first, then what the rule made of the rest. */
const LEGEND: readonly CalendarState[] = ['handsOn', 'frozen', 'missed', 'pending', 'notRequired', 'noHistory'];

export function calendarSection(model: DashboardModel, text: DashboardText, dates: DayFormat): HTMLElement {
  const weeks = chunk(model.calendar, 7);
  const width = LEFT + weeks.length * STEP;
  const height = TOP + 7 * STEP;
  const count = (state: CalendarState) => model.calendar.filter((c) => c.state === state).length;
  const chart = chartFrame(width, height, fill(text.calendarLabel, count('handsOn'), count('frozen'), count('missed')), 'calendar-chart');

  const weekdays = dates.weekdays();
  for (const row of [0, 2, 4]) chart.append(svg('text', { class: 'tick', x: LEFT - 6, y: TOP + row * STEP + CELL - 2, 'text-anchor': 'end' }, weekdays[row]!));
  let lastLabelAt = -4;
  weeks.forEach((week, column) => {
    const monday = week[0]!.day;
    const previous = weeks[column - 1]?.[0]?.day;
    // A month's name over the first week that starts in it, unless the previous label is too close to fit.
    if ((previous === undefined || previous.slice(0, 7) !== monday.slice(0, 7)) && column - lastLabelAt >= 3) {
      chart.append(svg('text', { class: 'tick', x: LEFT + column * STEP, y: TOP - 6 }, dates.monthOf(monday)));
      lastLabelAt = column;
    }
    week.forEach((cell, row) => {
      const rect = svg('rect', { class: cellClass(cell), x: LEFT + column * STEP, y: TOP + row * STEP, width: CELL, height: CELL, rx: 2 });
      chart.append(withTooltip(rect, cellText(cell, text, dates)));
    });
  });

  const legend = h(
    'ul',
    { class: 'legend' },
    ...LEGEND.map((state) => h('li', {}, swatch(`cell cell-${state} level-2`, CELL), text.state[state])),
    h('li', { class: 'legend-note' }, text.rule, ': ', text.ruleLabel),
  );

  const table = dataTable({
    id: TableIds.calendar,
    caption: text.calendarTitle,
    headers: [text.weekOf, ...weekdays],
    rows: weeks.map((week) => [week[0]!.day, ...week.map((cell) => cellText(cell, text, dates, false))]),
  });
  return chartSection('calendar', text.calendarTitle, [chart, legend], { summary: text.showTable, table });
}

function cellClass(cell: CalendarCell): string {
  return `cell cell-${cell.state}${cell.level > 0 ? ` level-${cell.level}` : ''}`;
}

/** `Mon, Mar 3: Hands-on, 42m` for the tooltip; without the date in the table, whose row and column say it. */
function cellText(cell: CalendarCell, text: DashboardText, dates: DayFormat, withDate = true): string {
  const state = text.state[cell.state];
  const words = cell.minutes > 0 ? `${state}, ${minutesText(text, cell.minutes)}` : state;
  return withDate ? `${dates.withWeekday(cell.day)}: ${words}` : words;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
