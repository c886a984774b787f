import { randomUUID } from 'crypto';
import { performance } from 'perf_hooks';
import * as vscode from 'vscode';
import { JsonlActivityStore } from './adapters/jsonlActivityStore';
import { WindowSlot } from './adapters/windowSlot';
import { GitHistory } from './adapters/gitHistory';
import { SystemCalendar } from './adapters/systemCalendar';
import type { StatsSnapshot } from './core/model';
import { parseStreakRule } from './core/streakRule';
import { ActivityListener } from './vscode/activityListener';
import { ActivityRecorder } from './vscode/activityRecorder';
import { AdjustableClock } from './vscode/clock';
import { CommandIds, ContextKeys } from './vscode/commandIds';
import { exportActivityData, type ExportRequest } from './vscode/commands/exportData';
import { showCodingStats, StatsDocumentProvider, STATS_SCHEME } from './vscode/commands/showStats';
import { onDidChangeConfig, readConfig } from './vscode/config';
import { Notifier } from './vscode/notifier';
import { OutputLog } from './vscode/outputLog';
import { RepoResolver } from './vscode/repoResolver';
import { StatsService } from './vscode/statsService';
import { StreakStatusBar } from './vscode/statusBar';
import { registerTasksView } from './vscode/tasksView';

const PRIVACY_KEY = 'handsOn.privacy';
const PAUSED_KEY = 'handsOn.paused';
/** Other windows' time arrives through their logs; re-read them this often. */
const RELOAD_EVERY_MS = 5 * 60_000;

/** What `activate` returns: figures for other extensions and, in test mode, a movable clock. */
export interface HandsOnApi {
  readonly snapshot: () => StatsSnapshot | undefined;
  readonly flush: () => Promise<void>;
  readonly onDidChangeStats: vscode.Event<StatsSnapshot>;
  /** Synchronous time spent in `activate()`, status bar included; read by `npm run bench`. */
  readonly activationMs: number;
  readonly testing?: {
    readonly advanceClock: (ms: number) => void;
    readonly statusBarText: () => string;
    /** Where the activity logs live, so fault tests can break and repair the disk. */
    readonly storagePath: string;
  };
}

let closeRecorder: (() => Promise<void>) | undefined;

export function activate(context: vscode.ExtensionContext): HandsOnApi {
  const activationStarted = performance.now();
  const subscriptions = context.subscriptions;
  const clock = new AdjustableClock();
  const calendar = new SystemCalendar();
  const windowId = randomUUID().slice(0, 8);
  const log = own(new OutputLog());
  const notifier = new Notifier(context.globalState);
  const history = new GitHistory();
  // Record ids carry the per-activation windowId; the log file is a reused slot, so a month does not collect a file per launch.
  const slot = new WindowSlot({ dir: context.globalStorageUri.fsPath, sessionId: windowId });
  const store = new JsonlActivityStore({ dir: context.globalStorageUri.fsPath, fileName: () => slot.name() });
  const resolver = new RepoResolver(history, log);
  let config = readConfig();

  const stats = own(new StatsService({ store, history, resolver, calendar, clock, cache: context.globalState, log, config: () => config }));
  const statusBar = own(new StreakStatusBar());
  const statsDocument = new StatsDocumentProvider(() => ({
    snapshot: stats.snapshot,
    dayTotals: stats.dayTotals(),
    privacy: isPrivate(),
    today: calendar.dayOf(clock.now()),
  }));
  own(vscode.workspace.registerTextDocumentContentProvider(STATS_SCHEME, statsDocument));
  own(statsDocument);

  const recorder = own(
    new ActivityRecorder({
      store,
      clock,
      calendar,
      windowId,
      lease: slot,
      idleTimeoutMinutes: config.idleTimeoutMinutes,
      log,
      onIntervals: (intervals) => stats.merge(intervals),
      onWriteFailure: (error) =>
        void notifier.warn(
          'storeWriteFailure',
          vscode.l10n.t('Hands-On cannot save coding time ({0}). It keeps it in memory and retries.', error instanceof Error ? error.message : String(error)),
        ),
    }),
  );
  closeRecorder = () => recorder.close();

  const isPrivate = (): boolean => context.globalState.get<boolean>(PRIVACY_KEY, false);
  const render = (): void => {
    const now = clock.now();
    statusBar.render({ snapshot: stats.snapshot, today: calendar.dayOf(now), now, privacy: isPrivate(), paused: recorder.isPaused });
    statsDocument.refresh();
  };
  const setPaused = async (paused: boolean): Promise<void> => {
    await recorder.setPaused(paused);
    await context.globalState.update(PAUSED_KEY, paused);
    await vscode.commands.executeCommand('setContext', ContextKeys.trackingPaused, paused);
    render();
  };

  // Cached figures first, so the status bar is there at once; everything else is deferred.
  render();
  own(stats.onDidChange(render));
  void setPaused(context.globalState.get<boolean>(PAUSED_KEY, false) || !config.trackingEnabled);
  void vscode.commands.executeCommand('setContext', ContextKeys.privacy, isPrivate());

  own(new ActivityListener((uri, languageId) => recorder.record(resolver.repoFor(uri), languageId)));
  own(registerTasksView());

  own(vscode.commands.registerCommand(CommandIds.showStats, showCodingStats));
  own(
    vscode.commands.registerCommand(CommandIds.togglePrivacy, async () => {
      const next = !isPrivate();
      await context.globalState.update(PRIVACY_KEY, next);
      await vscode.commands.executeCommand('setContext', ContextKeys.privacy, next);
      render();
    }),
  );
  own(vscode.commands.registerCommand(CommandIds.pauseTracking, () => setPaused(true)));
  own(vscode.commands.registerCommand(CommandIds.resumeTracking, () => setPaused(false)));
  own(
    vscode.commands.registerCommand(CommandIds.exportData, async (request?: ExportRequest) => {
      await recorder.flush();
      return exportActivityData(() => stats.exportIntervals(), calendar.dayOf(clock.now()), request);
    }),
  );

  own(
    onDidChangeConfig(() => {
      const previous = config;
      config = readConfig();
      recorder.setIdleTimeoutMinutes(config.idleTimeoutMinutes);
      if (previous.trackingEnabled !== config.trackingEnabled) {
        void setPaused(!config.trackingEnabled);
      }
      warnOnBadRule();
      if (previous.authorEmails.join() !== config.authorEmails.join()) {
        void stats.backfillCommits();
      } else {
        stats.recompute();
      }
    }),
  );
  const warnOnBadRule = (): void => {
    if (!parseStreakRule(config.streakRule).valid) {
      void notifier.warn('badStreakRule', vscode.l10n.t('handsOn.streak.rule "{0}" is not daily, weekdays or perWeek:N; using weekdays.', config.streakRule));
    }
  };
  warnOnBadRule();

  own(vscode.workspace.onDidGrantWorkspaceTrust(() => void stats.backfillCommits()));
  own(vscode.workspace.onDidChangeWorkspaceFolders(() => void stats.backfillCommits()));
  own(
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) {
        void stats.reload().catch((error) => log.error(vscode.l10n.t('Could not read activity data'), error));
      }
    }),
  );
  const reloadTimer = setInterval(() => void stats.reload().catch(() => undefined), RELOAD_EVERY_MS);
  own({ dispose: () => clearInterval(reloadTimer) });

  // The heavy part: read every window's log and the git history, after activation returns.
  setTimeout(() => {
    void (async () => {
      try {
        await stats.reload();
      } catch (error) {
        log.error(vscode.l10n.t('Could not read activity data'), error);
      }
      await stats.backfillCommits();
    })();
  }, 0);

  // Measured to the end of activate, not just to the first render: all of it delays the window.
  const activationMs = performance.now() - activationStarted;
  return {
    snapshot: () => stats.snapshot,
    flush: () => recorder.flush(),
    onDidChangeStats: stats.onDidChange,
    activationMs,
    testing: context.extensionMode === vscode.ExtensionMode.Test ? { advanceClock: (ms) => clock.advance(ms), statusBarText: () => statusBar.text, storagePath: context.globalStorageUri.fsPath } : undefined,
  };

  function own<T extends vscode.Disposable>(disposable: T): T {
    subscriptions.push(disposable);
    return disposable;
  }
}

/** Writes started here can be cut off, which is why the recorder also flushes every 30 s. */
export async function deactivate(): Promise<void> {
  await closeRecorder?.();
  closeRecorder = undefined;
}
