import * as vscode from 'vscode';
import type { HistoryCache } from '../../adapters/localTasks/history';
import type { Calibration } from '../../core/calibration';
import { explainEmptyList, type EmptyListExplanation, type ScanWindow } from '../../core/emptyList';
import type { LocalCalendar } from '../../core/ports';
import { rankTasks } from '../../core/rank';
import type { Task, TaskCandidate } from '../../core/tasks';
import { Disposable } from '../lifecycle';
import type { OutputLog } from '../outputLog';
import type { RepoResolver } from '../repoResolver';
import { localTasksModule } from './localTasksModule';
import type { TaskPreferences } from './taskPreferences';

export interface TaskServiceOptions {
  readonly resolver: RepoResolver;
  readonly preferences: TaskPreferences;
  readonly calendar: LocalCalendar;
  readonly now: () => number;
  readonly log: OutputLog;
  readonly historyDays: () => number;
  /** The `handsOn.exclude` globs. */
  readonly exclude: () => readonly string[];
  /** From the user's finished tasks; moves estimates toward their real pace. */
  readonly calibration: () => Calibration;
  /** Review requests and small bugs; refreshed alongside, never blocking the local sources. */
  readonly remote?: RemoteTaskSource;
}

/** What the task list needs from the GitHub source (vscode/github/githubTaskSource). */
export interface RemoteTaskSource {
  readonly candidates: readonly TaskCandidate[];
  /** The signed-in login: bugs assigned to anyone else are never suggested. */
  readonly login: string | undefined;
  readonly onDidChange: vscode.Event<void>;
  refresh(userAsked: boolean): Promise<void>;
}

const RESCAN_AFTER_SAVE_MS = 30_000;
/** Settings that change what the local sources find: a change rescans at once. */
const SCAN_SETTINGS = ['handsOn.exclude', 'handsOn.historyDays'];

export type TaskListState = 'idle' | 'refreshing' | 'untrusted' | 'noRepository';

/**
 * Collects candidates from every workspace repository and ranks them for the view, the quick
 * pick and the commands. Git runs only in a trusted workspace. History is walked incrementally:
 * the per-repository cache keyed by HEAD means a refresh with no new commits walks nothing.
 */
export class TaskService extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  private candidates: TaskCandidate[] = [];
  /** The history window each repository's last scan read, to explain an empty list. */
  private windows: ScanWindow[] = [];
  private emptyExplanation: EmptyListExplanation | undefined;
  private ranked: Task[] = [];
  private readonly historyCaches = new Map<string, HistoryCache>();
  private running: Promise<void> | undefined;
  // Until the first scan the view says it is looking, not that nothing was found.
  private currentState: TaskListState = 'refreshing';
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private settingsTimer: ReturnType<typeof setTimeout> | undefined;
  /** Wall-clock time of the last file change VS Code's watcher reported (or of when watching began). */
  private lastFileChangeAt = Date.now();

  constructor(private readonly options: TaskServiceOptions) {
    super();
    // A saved file may add or remove a TODO; rescan once the user pauses rather than on every save.
    this._register(
      vscode.workspace.onDidSaveTextDocument(() => {
        clearTimeout(this.saveTimer);
        this.saveTimer = setTimeout(() => void this.refreshLocal(), RESCAN_AFTER_SAVE_MS);
      }),
    );
    this._register({ dispose: () => clearTimeout(this.saveTimer) });
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!SCAN_SETTINGS.some((key) => event.affectsConfiguration(key))) return;
        // On the next turn, after every listener of this event has run: the composition root re-reads the settings
        // in its own listener, and the getters read from that.
        clearTimeout(this.settingsTimer);
        this.settingsTimer = setTimeout(() => void this.rescanForSettings(), 0);
      }),
    );
    this._register({ dispose: () => clearTimeout(this.settingsTimer) });
    // Lets a refresh skip `git status` when nothing in the work tree changed (collectLocalCandidates'
    // worktreeUnchangedSince): a quiet refresh is then one git command instead of a scan of every file.
    const watcher = this._register(vscode.workspace.createFileSystemWatcher('**/*'));
    const changed = (): void => void (this.lastFileChangeAt = Date.now());
    this._register(watcher.onDidCreate(changed));
    this._register(watcher.onDidChange(changed));
    this._register(watcher.onDidDelete(changed));
    if (options.remote) this._register(options.remote.onDidChange(() => this.rerank()));
  }

  get tasks(): readonly Task[] {
    return this.ranked;
  }

  /** Set when a scan finished and no task is offered: why, and what would change it. */
  get empty(): EmptyListExplanation | undefined {
    return this.currentState === 'idle' ? this.emptyExplanation : undefined;
  }

  get state(): TaskListState {
    return this.currentState;
  }

  /** Re-reads every source, as the user asked: no shortcut, since they may know of a change we did not see. */
  async refresh(): Promise<void> {
    await Promise.all([this.refreshLocal(true), this.options.remote?.refresh(true)]);
  }

  /**
   * Local sources only; concurrent calls share one run. Unless `fullCheck`, a work tree the file watcher saw
   * no change in since the last scan is taken as unchanged (one git command instead of a scan).
   */
  refreshLocal(fullCheck = false): Promise<void> {
    this.running ??= this.collect(fullCheck).finally(() => (this.running = undefined));
    return this.running;
  }

  /** A scan already running started with the old settings: the new ones get a scan of their own after it. */
  private async rescanForSettings(): Promise<void> {
    await this.running;
    await this.refreshLocal();
  }

  /** Re-applies snooze, dismiss, calibration and time without touching git. */
  rerank(): void {
    this.ranked = this.rankedFor(undefined);
    const all = this.candidates.length + (this.options.remote?.candidates.length ?? 0);
    this.emptyExplanation = explainEmptyList(this.ranked, all, this.windows, this.options.historyDays());
    this.changed.fire();
  }

  /** The same candidates ranked for a time budget (for "I Have N Minutes…"). */
  rankedFor(budgetMinutes: number | undefined): Task[] {
    const now = this.options.now();
    const remote = this.options.remote;
    return rankTasks(remote ? [...this.candidates, ...remote.candidates] : this.candidates, {
      ...(remote?.login !== undefined && { currentUser: remote.login }),
      ...(budgetMinutes === undefined ? {} : { budgetMinutes }),
      now,
      calibration: this.options.calibration(),
      snoozed: this.options.preferences.snoozed(),
      dismissed: this.options.preferences.dismissed(),
      calendar: this.options.calendar,
    });
  }

  private async collect(fullCheck: boolean): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      this.setState('untrusted');
      return;
    }
    this.setState('refreshing');
    try {
      const roots = await this.options.resolver.resolveRoots();
      const found: TaskCandidate[] = [];
      const windows: ScanWindow[] = [];
      for (const root of roots) {
        const result = await localTasksModule().collectLocalCandidates(root, {
          historyDays: this.options.historyDays(),
          exclude: this.options.exclude(),
          historyCache: this.historyCaches.get(root),
          now: this.options.now(),
          ...(!fullCheck && { worktreeUnchangedSince: this.lastFileChangeAt }),
        });
        if (result.historyCache) {
          this.historyCaches.set(root, result.historyCache);
        }
        for (const problem of result.problems) {
          this.options.log.warnOnce(`tasks:${root}:${problem}`, problem);
        }
        found.push(...result.candidates);
        if (result.window) windows.push(result.window);
      }
      this.candidates = found;
      this.windows = windows;
      this.currentState = roots.length === 0 ? 'noRepository' : 'idle';
      this.rerank();
    } catch (error) {
      this.options.log.error(vscode.l10n.t('Could not collect suggested tasks'), error);
      this.setState('idle');
    }
  }

  private setState(state: TaskListState): void {
    this.currentState = state;
    this.changed.fire();
  }
}
