import * as vscode from 'vscode';
import { DEFAULT_BRANCH_TEMPLATE } from '../core/branchName';

/** Typed mirror of the `handsOn.*` settings in package.json. */
export interface HandsOnConfig {
  /** Track coding time from editor activity. */
  readonly trackingEnabled: boolean;
  /** Gaps of at most this many minutes between events still count as coding. 1–60. */
  readonly idleTimeoutMinutes: number;
  /** Coding minutes that make a day hands-on. */
  readonly dailyGoalMinutes: number;
  /** `daily`, `weekdays` or `perWeek:N`; parsed by core/streakRule. */
  readonly streakRule: string;
  /** Missed required days (or weeks) covered automatically each month. */
  readonly freezesPerMonth: number;
  /** The user's other commit emails, besides git `user.email`. */
  readonly authorEmails: readonly string[];
  /** Days of git history read for churn, fixes and changed files. 7–730. */
  readonly historyDays: number;
  /**
   * Repository-relative globs of paths no local source suggests and risk does not count, on top of the vendored and
   * generated files the repository filter always leaves out (adapters/localTasks/repoFilter.ts).
   */
  readonly exclude: readonly string[];
  /** Minutes Pick Up a Bug plans for. 5–240. */
  readonly defaultBudgetMinutes: number;
  /** Pick Up a Bug's branch name, with ${number}, ${slug} and ${repo}. */
  readonly branchTemplate: string;
  readonly nudges: {
    readonly enabled: boolean;
    /** Working days (as the streak rule counts them) without a hands-on day before a nudge. 1–30. */
    readonly afterWorkingDays: number;
    /** `HH:MM-HH:MM`, parsed by core/nudgePolicy; the days the streak rule does not ask for are quiet too. */
    readonly quietHours: string;
  };
  readonly github: {
    readonly enabled: boolean;
    readonly bugLabels: readonly string[];
    readonly includeTeamReviews: boolean;
    /** 2–120. */
    readonly pollMinutes: number;
  };
}

const DEFAULT_BUG_LABELS = ['bug', 'good first issue', 'help wanted'];

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

const finiteOr = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;

export function readConfig(): HandsOnConfig {
  const section = vscode.workspace.getConfiguration('handsOn');
  const emails = section.get<unknown>('authorEmails', []);
  const labels = section.get<unknown>('github.bugLabels', DEFAULT_BUG_LABELS);
  const bugLabels = Array.isArray(labels) ? labels.filter((l): l is string => typeof l === 'string' && l.trim() !== '').map((l) => l.trim()) : [];
  const template = section.get<unknown>('branchTemplate');
  const exclude = section.get<unknown>('exclude', []);
  return {
    trackingEnabled: section.get<boolean>('tracking.enabled', true) !== false,
    idleTimeoutMinutes: clamp(Math.round(finiteOr(section.get('idleTimeoutMinutes'), 5)), 1, 60),
    dailyGoalMinutes: clamp(Math.round(finiteOr(section.get('dailyGoalMinutes'), 20)), 1, 1440),
    streakRule: String(section.get('streak.rule', 'weekdays')),
    freezesPerMonth: clamp(Math.round(finiteOr(section.get('streak.freezesPerMonth'), 2)), 0, 31),
    historyDays: clamp(Math.round(finiteOr(section.get('historyDays'), 180)), 7, 730),
    exclude: Array.isArray(exclude) ? exclude.filter((g): g is string => typeof g === 'string' && g.trim() !== '').map((g) => g.trim()) : [],
    authorEmails: Array.isArray(emails)
      ? emails.filter((e): e is string => typeof e === 'string' && e.includes('@')).map((e) => e.trim())
      : [],
    defaultBudgetMinutes: clamp(Math.round(finiteOr(section.get('defaultBudgetMinutes'), 30)), 5, 240),
    branchTemplate: typeof template === 'string' && template.trim() !== '' ? template.trim() : DEFAULT_BRANCH_TEMPLATE,
    nudges: {
      enabled: section.get<boolean>('nudges.enabled', true) !== false,
      afterWorkingDays: clamp(Math.round(finiteOr(section.get('nudges.afterWorkingDays'), 3)), 1, 30),
      quietHours: String(section.get('nudges.quietHours', '18:00-09:00')),
    },
    github: {
      enabled: section.get<boolean>('github.enabled', true) !== false,
      // An emptied list would silently hide every bug; the defaults are the better reading of that.
      bugLabels: bugLabels.length > 0 ? bugLabels : DEFAULT_BUG_LABELS,
      includeTeamReviews: section.get<boolean>('github.includeTeamReviews', false) === true,
      pollMinutes: clamp(Math.round(finiteOr(section.get('github.pollMinutes'), 10)), 2, 120),
    },
  };
}

/** Fires `listener` when any `handsOn.*` setting changes. */
export function onDidChangeConfig(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('handsOn')) {
      listener();
    }
  });
}
