import * as vscode from 'vscode';
import { addDays } from '../core/localDays';
import type { ActivityInterval, LocalDay, StatsSnapshot } from '../core/model';
import type { ActivityStore, Clock, CommitHistory, LocalCalendar } from '../core/ports';
import { buildSnapshot } from '../core/stats';
import { parseStreakRule } from '../core/streakRule';
import type { HandsOnConfig } from './config';
import { Disposable } from './lifecycle';
import type { OutputLog } from './outputLog';
import { describeError } from './outputLog';
import type { RepoResolver } from './repoResolver';

const CACHE_KEY = 'handsOn.statsSnapshot';
/** Backfill looks this far back: enough for a best streak, bounded for huge repositories. */
const BACKFILL_DAYS = 400;

export interface StatsServiceOptions {
  readonly store: ActivityStore;
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
 * Holds every window's intervals and the user's commit days, and turns them into the snapshot the
 * status bar shows. Intervals are merged by id (longest end wins), so re-reading is idempotent.
 */
export class StatsService extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<StatsSnapshot>());
  readonly onDidChange = this.changed.event;

  private readonly intervals = new Map<string, ActivityInterval>();
  private commitDays = new Set<LocalDay>();
  private current: StatsSnapshot | undefined;

  constructor(private readonly options: StatsServiceOptions) {
    super();
    this.current = options.cache.get<StatsSnapshot>(CACHE_KEY);
  }

  /** The latest figures: computed if available, else the cached ones from the last session. */
  get snapshot(): StatsSnapshot | undefined {
    return this.current;
  }

  get allIntervals(): ActivityInterval[] {
    return [...this.intervals.values()].sort((a, b) => a.start - b.start);
  }

  /** Re-reads every window's log; picks up time recorded in other windows. */
  async reload(): Promise<void> {
    const { intervals, problems } = await this.options.store.loadAll();
    for (const problem of problems) {
      this.options.log.warnOnce(
        `store:${problem.file}:${problem.line}`,
        vscode.l10n.t('Skipped an unreadable line {0} of {1} ({2}). Nothing was deleted.', problem.line, problem.file, problem.reason),
      );
    }
    this.mergeQuietly(intervals);
    this.recompute();
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
    this.recompute();
  }

  recompute(): void {
    const config = this.options.config();
    const now = this.options.clock.now();
    this.current = buildSnapshot({
      intervals: this.intervals.values(),
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
    for (const interval of intervals) {
      const known = this.intervals.get(interval.id);
      if (!known || known.end < interval.end) {
        this.intervals.set(interval.id, interval);
      }
    }
  }
}
