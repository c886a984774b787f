import * as vscode from 'vscode';
import type { StreakRule } from '../../core/model';
import type { DashboardText } from './protocol';

/** The dashboard's words, through vscode.l10n like every other text of the extension; the webview only fills in `{0}`. */
export function dashboardText(rule: StreakRule): DashboardText {
  const t = vscode.l10n.t;
  return {
    locale: vscode.env.language,
    title: t('Hands-On Dashboard'),
    ruleLabel: ruleLabel(rule),

    today: t('Today'),
    seriesTotal: t('Last 12 weeks'),
    streak: t('Streak'),
    bestStreak: t('Best streak'),
    rule: t('Rule'),
    handsOnDays: t('Hands-on days (52 weeks)'),
    freezesUsed: t('Freezes used (52 weeks)'),
    oneDay: t('1 day'),
    days: t('{0} days'),
    oneWeek: t('1 week'),
    weeks: t('{0} weeks'),
    minutes: t('{0}m'),
    hoursMinutes: t('{0}h {1}m'),
    noStreakYet: '—',

    showTable: t('Show the figures as a table'),
    day: t('Day'),
    codingTime: t('Coding time'),

    minutesTitle: t('Coding minutes per day, last 12 weeks'),
    minutesLabel: t('Bar chart of coding minutes per day over the last 12 weeks: {0} in total, most on {1} ({2}).'),
    minutesLabelEmpty: t('Bar chart of coding minutes per day over the last 12 weeks: nothing recorded yet.'),
    dailyGoal: t('Daily goal {0}'),

    calendarTitle: t('Streak calendar, last 52 weeks'),
    calendarLabel: t('Calendar of the last 52 weeks. Hands-on days: {0}. Freezes: {1}. Missed days: {2}.'),
    weekOf: t('Week of'),
    state: {
      handsOn: t('Hands-on'),
      frozen: t('Freeze'),
      missed: t('Missed'),
      pending: t('Still open'),
      notRequired: t('Not required'),
      noHistory: t('Before your first hands-on day'),
      future: t('Ahead'),
    },

    splitTitle: t('Where the time went, last 12 weeks'),
    byRepository: t('By repository'),
    byLanguage: t('By language'),
    repository: t('Repository'),
    language: t('Language'),
    share: t('Share'),
    noRepository: t('No repository'),
    unknownLanguage: t('Unknown'),
    other: t('Other'),
    nothingRecorded: t('Nothing recorded in these 12 weeks yet.'),
    splitLabel: t('Bar chart, largest first: {0} ({1}).'),

    driftTitle: t('Drift map: where the team has been busy (90 days)'),
    driftReading: t('Reading the team’s history…'),
    driftEmpty: t('No trusted git repository here, or nobody else committed in the last 90 days.'),
    area: t('Area'),
    teamCommits: t('Team commits (90 days)'),
    lastTouched: t('You last touched it'),
    never: t('never'),
    oneCommit: t('1 commit'),
    commitsCount: t('{0} commits'),
    youLastTouched: t('you: {0}'),
    driftLabel: t('Bar chart of the areas where the team committed most; the busiest: {0} ({1}).'),

    tasksTitle: t('Finished tasks: estimate against actual minutes'),
    tasksEmpty: t('No finished tasks yet. Start one from Suggested Tasks; the focus timer measures it.'),
    task: t('Task'),
    kind: t('Kind'),
    finished: t('Finished'),
    estimate: t('Estimate'),
    actual: t('Actual'),
    untitled: t('(untitled)'),
    kinds: { review: t('Review'), bug: t('Bug'), testGap: t('Test gap'), skippedTest: t('Skipped test'), todo: t('TODO') },
    tasksLabel: t('Bar chart of the latest finished tasks: estimated {0} in all, took {1}.'),

    privacyHidden: t('Figures are hidden (privacy mode).'),
    showFigures: t('Show Figures'),
  };
}

function ruleLabel(rule: StreakRule): string {
  switch (rule.kind) {
    case 'daily':
      return vscode.l10n.t('Every day');
    case 'weekdays':
      return vscode.l10n.t('Weekdays');
    case 'perWeek':
      return rule.days === 1 ? vscode.l10n.t('1 day a week') : vscode.l10n.t('{0} days a week', rule.days);
  }
}
