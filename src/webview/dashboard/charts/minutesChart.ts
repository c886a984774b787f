/** Coding minutes per day over the last 12 weeks: one bar a day, the daily goal as a dashed line. */
import type { DashboardModel } from '../../../core/dashboardModel';
import { weekday } from '../../../core/localDays';
import type { DashboardText } from '../../../vscode/dashboard/protocol';
import { TableIds } from '../../../vscode/dashboard/protocol';
import { dataTable } from '../dataTable';
import { chartFrame, svg, withTooltip } from '../dom';
import { maxOf, minuteAxis } from '../scale';
import { chartSection } from '../section';
import { type DayFormat, fill, minutesText } from '../text';

const WIDTH = 860;
const HEIGHT = 190;
const LEFT = 52;
const RIGHT = 8;
const TOP = 12;
const BOTTOM = 26;

export function minutesSection(model: DashboardModel, text: DashboardText, dates: DayFormat): HTMLElement {
  const days = model.minutesPerDay;
  const goal = model.dailyGoalMinutes;
  const { top, step } = minuteAxis(maxOf([...days.map((d) => d.minutes), goal]));
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = plotWidth / Math.max(1, days.length);
  const y = (minutes: number) => TOP + plotHeight - (Math.min(minutes, top) / top) * plotHeight;

  const busiest = days.reduce<(typeof days)[number] | undefined>((best, d) => (d.minutes > (best?.minutes ?? 0) ? d : best), undefined);
  const label = busiest
    ? fill(text.minutesLabel, minutesText(text, model.summary.seriesMinutes), dates.withWeekday(busiest.day), minutesText(text, busiest.minutes))
    : text.minutesLabelEmpty;
  const chart = chartFrame(WIDTH, HEIGHT, label, 'minutes-chart');

  for (let tick = 0; tick <= top; tick += step) {
    chart.append(svg('line', { class: 'grid', x1: LEFT, x2: WIDTH - RIGHT, y1: y(tick), y2: y(tick) }));
    chart.append(svg('text', { class: 'tick', x: LEFT - 6, y: y(tick) + 4, 'text-anchor': 'end' }, minutesText(text, tick)));
  }
  days.forEach((day, i) => {
    const x = LEFT + i * slot;
    if (day.minutes > 0) {
      const height = Math.max(1, TOP + plotHeight - y(day.minutes));
      const bar = svg('rect', { class: day.minutes >= goal ? 'bar bar-goal-met' : 'bar', x: x + slot * 0.14, y: TOP + plotHeight - height, width: slot * 0.72, height, rx: 1 });
      chart.append(withTooltip(bar, `${dates.withWeekday(day.day)}: ${minutesText(text, day.minutes)}`));
    }
    // Week starts carry the dates: 12 labels fit where 84 would not.
    if (weekday(day.day) === 0) chart.append(svg('text', { class: 'tick', x, y: HEIGHT - 8 }, dates.short(day.day)));
  });
  chart.append(svg('line', { class: 'goal', x1: LEFT, x2: WIDTH - RIGHT, y1: y(goal), y2: y(goal) }));
  chart.append(svg('text', { class: 'goal-label', x: WIDTH - RIGHT - 2, y: y(goal) - 4, 'text-anchor': 'end' }, fill(text.dailyGoal, minutesText(text, goal))));
  chart.append(svg('line', { class: 'axis', x1: LEFT, x2: WIDTH - RIGHT, y1: TOP + plotHeight, y2: TOP + plotHeight }));

  const table = dataTable({
    id: TableIds.minutes,
    caption: text.minutesTitle,
    headers: [text.day, text.codingTime],
    rows: days.map((d) => [d.day, minutesText(text, d.minutes)]),
    numeric: [1],
  });
  return chartSection('minutes', text.minutesTitle, [chart], { summary: text.showTable, table });
}
