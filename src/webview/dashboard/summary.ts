/** The figures at the top: today, the 12 weeks, the streak and its rule, the year's hands-on days and freezes. */
import type { DashboardModel } from '../../core/dashboardModel';
import type { DashboardText } from '../../vscode/dashboard/protocol';
import { h } from './dom';
import { minutesText, streakText } from './text';

export function summaryFigures(model: DashboardModel, text: DashboardText): HTMLElement {
  const { summary } = model;
  const streak = summary.streak;
  const figures: [string, string][] = [
    [text.today, minutesText(text, summary.todayMinutes)],
    [text.seriesTotal, minutesText(text, summary.seriesMinutes)],
    [text.streak, streak ? streakText(text, streak.current, streak.unit) : text.noStreakYet],
    [text.bestStreak, streak ? streakText(text, streak.best, streak.unit) : text.noStreakYet],
    [text.rule, text.ruleLabel],
    [text.handsOnDays, String(summary.handsOnDays)],
    [text.freezesUsed, String(summary.freezes)],
  ];
  return h('dl', { class: 'figures' }, ...figures.map(([name, value]) => h('div', { class: 'figure' }, h('dt', {}, name), h('dd', {}, value))));
}
