import { randomUUID } from 'crypto';
import * as path from 'path';
import { performance } from 'perf_hooks';
import * as vscode from 'vscode';
import { DailyClaim } from './adapters/dailyClaim';
import { GitHistory } from './adapters/gitHistory';
import { GitGateway } from './adapters/gitProcess';
import { JsonlActivityStore } from './adapters/jsonlActivityStore';
import { SystemCalendar } from './adapters/systemCalendar';
import { WindowSlot } from './adapters/windowSlot';
import type { StatsSnapshot } from './core/model';
import type { Task } from './core/tasks';
import { CommandIds } from './vscode/commandIds';
import { parseQuietHours } from './core/nudgePolicy';
import { parseStreakRule } from './core/streakRule';
import { ActivityListener } from './vscode/activityListener';
import { ActivityRecorder } from './vscode/activityRecorder';
import { AdjustableClock } from './vscode/clock';
import { registerCommands } from './vscode/commands/registerCommands';
import { STATS_SCHEME, StatsDocumentProvider } from './vscode/commands/showStats';
import { onDidChangeConfig, readConfig } from './vscode/config';
import { Notifier } from './vscode/notifier';
import { describeError, OutputLog } from './vscode/outputLog';
import { RepoResolver } from './vscode/repoResolver';
import { StatsService } from './vscode/statsService';
import { StreakStatusBar } from './vscode/statusBar';
import { FinishedTasks } from './vscode/tasks/finishedTasks';
import { askAtEndOfFocus, registerFocusCommands } from './vscode/tasks/focusCommands';
import { DraftPullOffer } from './vscode/tasks/draftPull';
import { FocusTimer } from './vscode/tasks/focusTimer';
import { registerPickUpBug } from './vscode/tasks/pickUpBug';
import type { WhatChangedPage } from './vscode/drift/whatChanged';
import type { DashboardPanel, DashboardProbe } from './vscode/dashboard/dashboard';
import { Nudges, type NudgeCheck } from './vscode/drift/nudges';
import { FixedGitHubSignIn, VsCodeGitHubSignIn } from './vscode/github/githubSignIn';
import { githubViewMessage } from './vscode/github/githubStatusText';
import { GitHubTaskSource } from './vscode/github/githubTaskSource';
import { registerTaskCommands } from './vscode/tasks/taskCommands';
import { TaskPreferences } from './vscode/tasks/taskPreferences';
import { TaskService } from './vscode/tasks/taskService';
import { registerTasksView, tasksViewMessage } from './vscode/tasksView';
import { UserToggles } from './vscode/userToggles';

/** What `activate` returns: figures for other extensions and, in test mode, a movable clock. */
export interface HandsOnApi {
  readonly snapshot: () => StatsSnapshot | undefined;
  readonly flush: () => Promise<void>;
  /** The ranked Suggested Tasks, best first, and a way to wait for a fresh scan. */
  readonly tasks: () => readonly Task[];
  readonly refreshTasks: () => Promise<void>;
  readonly onDidChangeStats: vscode.Event<StatsSnapshot>;
  /** Synchronous time spent in `activate()`, status bar included; read by `npm run bench`. */
  readonly activationMs: number;
  readonly testing?: {
    readonly advanceClock: (ms: number) => void;
    readonly statusBarText: () => string;
    /** Where the activity logs live, so fault tests can break and repair the disk. */
    readonly storagePath: string;
    /** Re-checks the focus countdown at once instead of on its 15 s tick. */
    readonly tickFocus: () => void;
    /** Points the GitHub source at a local fake server with a fixed token (undefined: VS Code's sign-in again). */
    readonly useGitHub: (account: { readonly baseUrl: string; readonly token: string; readonly login: string } | undefined) => void;
    readonly githubState: () => string;
    /** The line the Suggested Tasks view shows about GitHub. */
    readonly githubMessage: () => string | undefined;
    /** The whole message line of the Suggested Tasks view (GitHub's state, and why the list is empty). */
    readonly tasksMessage: () => string | undefined;
    /** Times a refused token made Hands-On ask for a new sign-in (test sign-in only). */
    readonly githubRenewRequests: () => number;
    /** The open dashboard: what was posted to it, what it drew, and its first paint; undefined before it is first opened. */
    readonly dashboard: () => DashboardProbe | undefined;
    /** Runs the nudge check now instead of on its 5-minute tick. */
    readonly checkNudge: () => Promise<NudgeCheck>;
  };
}

// deactivate() must await the last write, and VS Code gives it no context: this is the one hook.
let closeRecorder: (() => Promise<void>) | undefined;

export function activate(context: vscode.ExtensionContext): HandsOnApi {
  const activationStarted = performance.now();
  const own = <T extends vscode.Disposable>(disposable: T): T => {
    context.subscriptions.push(disposable);
    return disposable;
  };
  const storagePath = context.globalStorageUri.fsPath;
  const clock = new AdjustableClock();
  const calendar = new SystemCalendar();
  const today = (): string => calendar.dayOf(clock.now());
  // Record ids carry this per-activation id; the log file is a reused slot, so a month does not collect a file per launch.
  const windowId = randomUUID().slice(0, 8);
  const slot = new WindowSlot({ dir: storagePath, sessionId: windowId });
  const store = new JsonlActivityStore({ dir: storagePath, fileName: () => slot.name() });
  const log = own(new OutputLog(context.extensionMode === vscode.ExtensionMode.Test));
  const notifier = new Notifier(context.globalState);
  const toggles = new UserToggles(context.globalState);
  const git = new GitGateway();
  const history = new GitHistory(git);
  const resolver = new RepoResolver(history, log);
  let config = readConfig();

  const stats = own(new StatsService({ store, history, resolver, calendar, clock, cache: context.globalState, log, config: () => config }));
  const statusBar = own(new StreakStatusBar());
  const statsDocument = own(
    new StatsDocumentProvider(() => ({ snapshot: stats.snapshot, dayTotals: stats.dayTotals(), privacy: toggles.privacy, today: today() })),
  );
  own(vscode.workspace.registerTextDocumentContentProvider(STATS_SCHEME, statsDocument));
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
        void notifier.warn('storeWriteFailure', vscode.l10n.t('Hands-On cannot save coding time ({0}). It keeps it in memory and retries.', describeError(error))),
    }),
  );
  closeRecorder = () => recorder.close();

  const finishedTasks = new FinishedTasks(context.globalState);
  const focus: FocusTimer = own(new FocusTimer(context.workspaceState, finishedTasks, () => clock.now(), askAtEndOfFocus(notifier, () => focus, log, () => draftPull)));
  const render = (): void => {
    const now = clock.now();
    statusBar.render({ snapshot: stats.snapshot, today: calendar.dayOf(now), now, privacy: toggles.privacy, paused: recorder.isPaused, focus: focus.view() });
    statsDocument.refresh();
  };
  const setPaused = async (paused: boolean): Promise<void> => {
    await recorder.setPaused(paused);
    await toggles.setPaused(paused);
    render();
  };
  const warnOnBadSettings = (): void => {
    const parsed = parseStreakRule(config.streakRule);
    if (!parsed.valid) {
      void notifier.warn('badStreakRule', vscode.l10n.t('The setting handsOn.streak.rule is "{0}", which is not daily, weekdays or perWeek:N (N from 1 to 7). Using weekdays.', config.streakRule));
    }
    if (!parseQuietHours(config.nudges.quietHours)) {
      void notifier.warn('badQuietHours', vscode.l10n.t('The setting handsOn.nudges.quietHours is "{0}", which is not two times like 18:00-09:00. Using 18:00-09:00.', config.nudges.quietHours));
    }
  };

  // Cached figures first, so the status bar is there at once; everything else is deferred.
  render();
  own(stats.onDidChange(render));
  toggles.publish();
  if (toggles.paused || !config.trackingEnabled) {
    void setPaused(true);
  }
  warnOnBadSettings();

  let lastEditorEventAt: number | undefined;
  own(
    new ActivityListener((uri, languageId) => {
      lastEditorEventAt = clock.now();
      recorder.record(resolver.repoFor(uri), languageId);
    }),
  );
  const taskPreferences = new TaskPreferences(context.globalState, () => clock.now());
  const vsCodeSignIn = new VsCodeGitHubSignIn(log);
  const github = own(
    new GitHubTaskSource({
      resolver,
      git,
      signIn: vsCodeSignIn,
      storageDir: storagePath,
      calendar,
      now: () => clock.now(),
      log,
      settings: () => config.github,
      userAgent: `hands-on-vscode/${String(context.extension.packageJSON.version)}`,
    }),
  );
  own(github.startPolling());
  const draftPull = new DraftPullOffer(github, log);
  const tasks = own(
    new TaskService({
      resolver,
      preferences: taskPreferences,
      calendar,
      now: () => clock.now(),
      log,
      historyDays: () => config.historyDays,
      exclude: () => config.exclude,
      calibration: () => finishedTasks.calibration(clock.now()),
      remote: github,
    }),
  );
  own(focus.onDidChange(render));
  own(registerTasksView(tasks, github, () => clock.now()));
  own(vscode.commands.registerCommand(CommandIds.signInToGitHub, () => github.signInInteractively()));
  let whatChanged: WhatChangedPage | undefined;
  own(
    vscode.commands.registerCommand(CommandIds.whatChanged, async () => {
      // Its own bundle, loaded on first use: start-up never parses code that most sessions do not run.
      const { createWhatChanged } = require(path.join(__dirname, 'whatChanged.js')) as typeof import('./vscode/drift/whatChanged');
      whatChanged ??= own(createWhatChanged({ resolver, history, git, calendar, now: () => clock.now(), authorEmails: () => config.authorEmails, log }));
      await whatChanged.show();
    }),
  );
  let dashboard: DashboardPanel | undefined;
  own(
    vscode.commands.registerCommand(CommandIds.showDashboard, async () => {
      // Timed from here, module load included: that is what the user waits for (bench: dashboardFirstPaintMs).
      const startedAt = performance.now();
      // Its own bundle, loaded on first use, as What Changed.
      const { createDashboard } = require(path.join(__dirname, 'dashboard.js')) as typeof import('./vscode/dashboard/dashboard');
      dashboard ??= own(
        createDashboard({
          extensionUri: context.extensionUri,
          stats,
          finishedTasks: () => finishedTasks.all(),
          privacy: () => toggles.privacy,
          config: () => config,
          resolver,
          history,
          git,
          calendar,
          now: () => clock.now(),
          log,
        }),
      );
      await dashboard.show(startedAt);
    }),
  );
  own(registerTaskCommands(tasks, taskPreferences));
  const nudges = own(
    new Nudges({
      state: context.globalState,
      notifier,
      claim: new DailyClaim(path.join(storagePath, 'nudges'), 'shown'),
      calendar,
      now: () => clock.now(),
      config: () => config,
      log,
      handsOnDays: () => (stats.isHistoryRead ? stats.handsOnDays() : undefined),
      lastHandsOnDay: () => stats.snapshot?.streak.lastHandsOnDay,
      rankedTasks: () => tasks.tasks,
      focusTimerRunning: () => focus.view() !== undefined,
      lastEditorEventAt: () => lastEditorEventAt,
    }),
  );
  own(nudges.start());
  own(registerFocusCommands({ service: tasks, timer: focus, log }));
  own(
    registerPickUpBug({
      service: tasks,
      github,
      timer: focus,
      log,
      budgetMinutes: () => config.defaultBudgetMinutes,
      branchTemplate: () => config.branchTemplate,
    }),
  );
  own(
    registerCommands({
      togglePrivacy: async () => {
        await toggles.setPrivacy(!toggles.privacy);
        render();
        dashboard?.refresh();
      },
      setPaused,
      exportIntervals: async () => {
        await recorder.flush();
        return stats.exportIntervals();
      },
      today,
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
      warnOnBadSettings();
      if (JSON.stringify(previous.github) !== JSON.stringify(config.github)) {
        void github.refresh(true);
      }
      if (previous.authorEmails.join() !== config.authorEmails.join()) {
        void stats.backfillCommits();
      } else {
        stats.recompute();
      }
    }),
  );
  own(vscode.workspace.onDidGrantWorkspaceTrust(() => void (stats.backfillCommits(), tasks.refresh())));
  own(vscode.workspace.onDidChangeWorkspaceFolders(() => void (stats.backfillCommits(), tasks.refresh())));
  own(stats.startBackgroundWork());
  // After the stats: the status bar matters more at start-up than the task list.
  const firstTaskScan = setTimeout(() => void vscode.commands.executeCommand(CommandIds.refreshTasks), 1_000);
  own({ dispose: () => clearTimeout(firstTaskScan) });

  const testSignIn = new FixedGitHubSignIn();
  // UI tests drive a real workbench and cannot reach the API above: they name a fake GitHub in the environment.
  // Never in production: a variable must not be able to swap the user's sign-in.
  const testAccount = context.extensionMode === vscode.ExtensionMode.Production ? undefined : process.env.HANDS_ON_TEST_GITHUB;
  if (testAccount) {
    testSignIn.set(JSON.parse(testAccount) as { baseUrl: string; token: string; login: string });
    github.useSignIn(testSignIn);
  }

  // Measured to the end of activate, not just to the first render: all of it delays the window.
  const activationMs = performance.now() - activationStarted;
  return {
    snapshot: () => stats.snapshot,
    tasks: () => tasks.tasks,
    refreshTasks: () => tasks.refresh(),
    flush: () => recorder.flush(),
    onDidChangeStats: stats.onDidChange,
    activationMs,
    testing:
      context.extensionMode === vscode.ExtensionMode.Test
        ? {
            advanceClock: (ms) => clock.advance(ms),
            statusBarText: () => statusBar.text,
            storagePath,
            tickFocus: () => focus.tick(),
            useGitHub: (account) => {
              if (account) {
                testSignIn.set(account);
                github.useSignIn(testSignIn);
              } else {
                github.useSignIn(vsCodeSignIn);
              }
            },
            githubState: () => github.state.kind,
            githubMessage: () => githubViewMessage(github.state, clock.now()),
            tasksMessage: () => tasksViewMessage(tasks, github, clock.now()),
            githubRenewRequests: () => testSignIn.renewRequests,
            dashboard: () => dashboard?.probe(),
            checkNudge: () => nudges.check(),
          }
        : undefined,
  };
}

/** Writes started here can be cut off, which is why the recorder also flushes every 30 s. */
export async function deactivate(): Promise<void> {
  await closeRecorder?.();
  closeRecorder = undefined;
}
