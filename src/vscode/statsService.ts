import * as vscode from 'vscode';
import { addDays } from '../core/localDays';
import type { ActivityInterval, DayTotal, LocalDay, StatsSnapshot } from '../core/model';
import type { ActivityHistoryReader, ActivityStore, Clock, CommitHistory, LocalCalendar } from '../core/ports';
import { buildSnapshotFromTotals, combinedDayTotals } from '../core/stats';
import { handsOnDays } from '../core/streak';
import { parseStreakRule } from '../core/streakRule';
import type { HandsOnConfig } from './config';
import { Disposable } from './lifecycle';
import type { OutputLog } from './outputLog';
import { describeError } from './outputLog';
import type { RepoResolver } from './repoResolver';

const CACHE_KEY = 'handsOn.statsSnapshot';
/** Backfill looks this far back: enough for a best streak, bounded for huge repositories. */
const BACKFILL_DAYS = 400;
/** Other windows' time arrives through their logs; re-read them this often. */
const RELOAD_EVERY_MS = 5 * 60_000;

export interface StatsServiceOptions {
  readonly store: ActivityStore & ActivityHistoryReader;
  readonly history: CommitHistory;
  readonly resolver: RepoResolver;
  readonly calendar: LocalCalendar;
  readonly clock: Clock;
  /** Machine-local cache of the last snapshot, shown at start-up before anything is loaded. */
  readonly cache: vscode.Memento;
  readonly log: OutputLog;
  readonly config: () => HandsOnConfig;
}

/**
 * Holds the day totals of past months and the raw intervals of recent ones (every window's, plus this window's
 * unflushed ones), and the user's commit days, and turns them into the snapshot the status bar shows. Recent intervals
 * are merged by id (longest end wins), so re-reading is idempotent. Everything ever recorded is read only on export.
 */
export class StatsService extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<StatsSnapshot>());
  readonly onDidChange = this.changed.event;

  /** Union day totals of the days before `recentFromDay`, from the store's month summaries. */
  private pastTotals = new Map<LocalDay, DayTotal>();
  private pastLastActivityAt: number | undefined;
  /** Days from this one on are held as raw intervals; empty until the first reload, when everything is recent. */
  private recentFromDay: LocalDay = '';
  private readonly intervals = new Map<string, ActivityInterval>();
  private totals: Map<LocalDay, DayTotal> | undefined;
  private commitDays = new Set<LocalDay>();
  /** True once the logs and the commit history have both been read: until then, "no hands-on day" means "not known yet". */
  private historyRead = false;
  private current: StatsSnapshot | undefined;

  constructor(private readonly options: StatsServiceOptions) {
    super();
    this.current = options.cache.get<StatsSnapshot>(CACHE_KEY);
  }

  /** The latest figures: computed if available, else the cached ones from the last session. */
  get snapshot(): StatsSnapshot | undefined {
    return this.current;
  }

  /** Union coding minutes per local day, past and recent, in day order (for the stats tables). */
  dayTotals(): ReadonlyMap<LocalDay, DayTotal> {
    this.totals ??= combinedDayTotals(this.pastTotals, this.intervals.values());
    return this.totals;
  }

  /** Days that were hands-on: the goal reached or a commit authored. */
  handsOnDays(): ReadonlySet<LocalDay> {
    return handsOnDays(this.dayTotals(), this.commitDays, this.options.config().dailyGoalMinutes);
  }

  get isHistoryRead(): boolean {
    return this.historyRead;
  }

  /** Every interval ever stored, from every window, plus this window's unflushed ones: for the data export. */
  async exportIntervals(): Promise<ActivityInterval[]> {
    const { intervals } = await this.options.store.loadAll();
    const byId = new Map<string, ActivityInterval>();
    for (const interval of [...intervals, ...this.intervals.values()]) {
      const known = byId.get(interval.id);
      if (!known || known.end < interval.end) byId.set(interval.id, interval);
    }
    return [...byId.values()].sort((a, b) => a.start - b.start);
  }

  /** Re-reads every window's recent log and the past months' summaries; picks up time recorded in other windows. */
  async reload(): Promise<void> {
    const history = await this.options.store.loadHistory({ today: this.options.calendar.dayOf(this.options.clock.now()) });
    for (const problem of history.problems) {
      this.options.log.warnOnce(
        `store:${problem.file}:${problem.line}`,
        vscode.l10n.t('Skipped an unreadable line {0} of {1} ({2}). Nothing was deleted.', problem.line, problem.file, problem.reason),
      );
    }
    this.pastTotals = history.pastTotals;
    this.pastLastActivityAt = history.pastLastActivityAt;
    this.recentFromDay = history.recentFromDay;
    // Intervals held from before (this window's, possibly unflushed) stay if still recent; older ones are now in the
    // past totals (a flushed interval of a past month is in its summary).
    for (const [id, interval] of this.intervals) if (interval.day < this.recentFromDay) this.intervals.delete(id);
    this.mergeQuietly(history.recentIntervals);
    this.recompute();
  }

  /**
   * The heavy part, kept out of activate(): read every window's log and the git history once the
   * window is up, then re-read the logs on focus and every few minutes to pick up other windows' time.
   */
  startBackgroundWork(): vscode.Disposable {
    const reloadLogged = (): Promise<void> =>
      this.reload().catch((error) => this.options.log.error(vscode.l10n.t('Could not read activity data'), error));
    const first = setTimeout(() => void reloadLogged().then(() => this.backfillCommits()), 0);
    const periodic = setInterval(() => void reloadLogged(), RELOAD_EVERY_MS);
    const onFocus = vscode.window.onDidChangeWindowState((state) => state.focused && void reloadLogged());
    return vscode.Disposable.from(onFocus, { dispose: () => (clearTimeout(first), clearInterval(periodic)) });
  }

  /** Adds intervals this window just recorded. */
  merge(intervals: readonly ActivityInterval[]): void {
    this.mergeQuietly(intervals);
    this.recompute();
  }

  /** Reads the user's commit days from every trusted workspace repository. */
  async backfillCommits(): Promise<void> {
    const roots = await this.options.resolver.resolveRoots();
    const since = addDays(this.options.calendar.dayOf(this.options.clock.now()), -BACKFILL_DAYS);
    const days = new Set<LocalDay>();
    for (const root of roots) {
      try {
        const own = await this.options.history.userEmail(root);
        const emails = [...(own ? [own] : []), ...this.options.config().authorEmails];
        if (emails.length === 0) {
          this.options.log.warnOnce(`noemail:${root}`, vscode.l10n.t('No git user.email in {0}, and handsOn.authorEmails is empty, so commits there cannot count.', root));
          continue;
        }
        for (const day of await this.options.history.authoredDays(root, emails, since)) {
          days.add(day);
        }
      } catch (error) {
        this.options.log.warnOnce(`backfill:${root}`, vscode.l10n.t('Could not read commit history of {0}: {1}', root, describeError(error)));
      }
    }
    this.commitDays = days;
    this.historyRead = true;
    this.recompute();
  }

  recompute(): void {
    const config = this.options.config();
    const now = this.options.clock.now();
    this.totals = undefined;
    this.current = buildSnapshotFromTotals({
      pastTotals: this.pastTotals,
      pastLastActivityAt: this.pastLastActivityAt,
      recentIntervals: this.intervals.values(),
      commitDays: this.commitDays,
      today: this.options.calendar.dayOf(now),
      now,
      settings: {
        rule: parseStreakRule(config.streakRule).rule,
        freezesPerMonth: config.freezesPerMonth,
        dailyGoalMinutes: config.dailyGoalMinutes,
      },
    });
    void this.options.cache.update(CACHE_KEY, this.current);
    this.changed.fire(this.current);
  }

  private mergeQuietly(intervals: Iterable<ActivityInterval>): void {
    this.totals = undefined;
    for (const interval of intervals) {
      // A day already summarised in the past totals must not be counted twice.
      if (interval.day < this.recentFromDay) continue;
      const known = this.intervals.get(interval.id);
      if (!known || known.end < interval.end) {
        this.intervals.set(interval.id, interval);
      }
    }
  }
}
