/**
 * The messages between the dashboard panel (extension host) and its webview script (src/webview/dashboard), and the
 * ids of the tables both sides (and the tests) name. Both bundles import this file; it holds nothing else.
 *
 * The HTML shell carries no figures: they arrive here, and the webview sets every text with textContent.
 */
import type { DashboardModel } from '../../core/dashboardModel';

/** Every text the webview shows, already localised by the extension (the webview has no vscode.l10n). */
export interface DashboardText {
  readonly locale: string;
  readonly title: string;
  /** The streak rule in words, e.g. "Weekdays". */
  readonly ruleLabel: string;

  readonly today: string;
  readonly seriesTotal: string;
  readonly streak: string;
  readonly bestStreak: string;
  readonly rule: string;
  readonly handsOnDays: string;
  readonly freezesUsed: string;
  /** `{0}` days / weeks. */
  readonly oneDay: string;
  readonly days: string;
  readonly oneWeek: string;
  readonly weeks: string;
  /** `{0}m` and `{0}h {1}m`, as the status bar writes minutes. */
  readonly minutes: string;
  readonly hoursMinutes: string;
  readonly noStreakYet: string;

  readonly showTable: string;
  readonly day: string;
  readonly codingTime: string;

  readonly minutesTitle: string;
  /** `{0}` total, `{1}` busiest day, `{2}` its minutes. */
  readonly minutesLabel: string;
  readonly minutesLabelEmpty: string;
  /** `{0}` minutes. */
  readonly dailyGoal: string;

  readonly calendarTitle: string;
  /** `{0}` hands-on days, `{1}` freezes, `{2}` missed days (written as "Freezes: 1", so no plural forms). */
  readonly calendarLabel: string;
  readonly weekOf: string;
  readonly state: Readonly<Record<DashboardModel['calendar'][number]['state'], string>>;

  readonly splitTitle: string;
  readonly byRepository: string;
  readonly byLanguage: string;
  readonly repository: string;
  readonly language: string;
  readonly share: string;
  readonly noRepository: string;
  readonly unknownLanguage: string;
  readonly other: string;
  readonly nothingRecorded: string;
  /** `{0}` the first row's label, `{1}` its figure. */
  readonly splitLabel: string;

  readonly driftTitle: string;
  readonly driftReading: string;
  readonly driftEmpty: string;
  readonly area: string;
  readonly teamCommits: string;
  readonly lastTouched: string;
  readonly never: string;
  /** `{0}` commits; `oneCommit` for one. */
  readonly oneCommit: string;
  readonly commitsCount: string;
  /** `{0}` a day or "never". */
  readonly youLastTouched: string;
  /** `{0}` the busiest area, `{1}` its commits. */
  readonly driftLabel: string;

  readonly tasksTitle: string;
  readonly tasksEmpty: string;
  readonly task: string;
  readonly kind: string;
  readonly finished: string;
  readonly estimate: string;
  readonly actual: string;
  readonly untitled: string;
  readonly kinds: Readonly<Record<DashboardModel['tasks'][number]['kind'], string>>;
  /** `{0}` total estimate, `{1}` total actual. */
  readonly tasksLabel: string;

  readonly privacyHidden: string;
  readonly showFigures: string;
}

/** Extension → webview. `seq` numbers each message so a `painted` reply can say which one it drew. */
export type ToWebview =
  | { readonly type: 'render'; readonly seq: number; readonly model: DashboardModel; readonly text: DashboardText }
  /** Privacy mode: no figures at all, only the text to say so and the button to show them again. */
  | { readonly type: 'hidden'; readonly seq: number; readonly text: DashboardText };

/** What the webview drew, read back from its DOM: each data table's cell texts by table id, and all text shown. */
export interface RenderedSummary {
  readonly seq: number;
  /**
   * From the start of the webview's script to this paint: the dashboard's own share of a first paint, without the
   * time VS Code takes to start the webview before the script runs.
   */
  readonly scriptMs: number;
  readonly tables: Readonly<Record<string, readonly (readonly string[])[]>>;
  readonly text: string;
}

/** Webview → extension. */
export type FromWebview =
  | { readonly type: 'ready' }
  | ({ readonly type: 'painted' } & RenderedSummary)
  | { readonly type: 'togglePrivacy' };

/** Table ids, shared so tests can name the table they read. */
export const TableIds = {
  minutes: 'minutes-table',
  calendar: 'calendar-table',
  byRepository: 'repository-table',
  byLanguage: 'language-table',
  drift: 'drift-table',
  tasks: 'tasks-table',
} as const;
