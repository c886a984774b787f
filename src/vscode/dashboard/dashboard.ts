import { readFileSync } from 'fs';
import { performance } from 'perf_hooks';
import * as vscode from 'vscode';
import type { FinishedTask } from '../../core/calibration';
import { buildDashboardModel, type DashboardModel, type RepositoryDrift } from '../../core/dashboardModel';
import type { DayTotal, LocalDay, StatsSnapshot, StreakRule } from '../../core/model';
import { parseStreakRule } from '../../core/streakRule';
import { CommandIds } from '../commandIds';
import type { HandsOnConfig } from '../config';
import { Disposable } from '../lifecycle';
import { dashboardHtml, newNonce } from './dashboardHtml';
import { dashboardText } from './dashboardText';
import { readDriftMaps, type DriftMapSources } from './driftMaps';
import type { FromWebview, RenderedSummary, ToWebview } from './protocol';

/** The drift map is git work: read it when the panel opens, again on a later open once it is this old. */
const DRIFT_MAX_AGE_MS = 5 * 60_000;
/** Stats change in bursts (a flush, a reload): one message per burst is enough. */
const COALESCE_MS = 200;

/** What the dashboard reads from StatsService. */
export interface DashboardStats {
  readonly snapshot: StatsSnapshot | undefined;
  dayTotals(): ReadonlyMap<LocalDay, DayTotal>;
  handsOnDays(): ReadonlySet<LocalDay>;
  readonly onDidChange: vscode.Event<unknown>;
}

export interface DashboardDeps extends Omit<DriftMapSources, 'authorEmails'> {
  readonly extensionUri: vscode.Uri;
  readonly stats: DashboardStats;
  readonly finishedTasks: () => readonly FinishedTask[];
  readonly privacy: () => boolean;
  /** Read on every message, so a changed rule, goal or email list shows at the next update. */
  readonly config: () => Pick<HandsOnConfig, 'streakRule' | 'dailyGoalMinutes' | 'authorEmails'>;
}

/** For the in-host tests and the bench: what was sent, what the webview drew, and how long the first paint took. */
export interface DashboardProbe {
  readonly open: boolean;
  readonly posted: ToWebview | undefined;
  /** From the command's start to the webview's first `painted`, for the open panel. */
  readonly paintedMs: number | undefined;
  /** Of that, the time from the start of the webview's script (the rest is VS Code starting the webview). */
  readonly paintedScriptMs: number | undefined;
  readonly rendered: RenderedSummary | undefined;
}

export interface DashboardPanel extends vscode.Disposable {
  /** Opens the panel, or reveals it when open. `startedAt` is `performance.now()` when the command started. */
  show(startedAt: number): Promise<void>;
  /** Sends the figures again at once (privacy was toggled). */
  refresh(): void;
  probe(): DashboardProbe;
}

/** This module is its own bundle (dist/dashboard.js), loaded when the command first runs. */
export function createDashboard(deps: DashboardDeps): DashboardPanel {
  return new Dashboard(deps);
}

/**
 * The dashboard webview panel: one at a time, figures sent by postMessage whenever they change while it is visible,
 * none at all in privacy mode. The panel is not kept alive while hidden; its script asks for the figures again
 * (`ready`) each time it loads.
 *
 * The first figures are posted as soon as the HTML is set, not on the first `ready`: VS Code holds messages until the
 * page has loaded and then hands them over, so the page draws without waiting for a round trip to this process (which
 * may be busy meanwhile).
 */
class Dashboard extends Disposable implements DashboardPanel {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private drift: RepositoryDrift[] | undefined;
  private driftReadAt = 0;
  private driftReading: Promise<void> | undefined;
  private seq = 0;
  private posted: ToWebview | undefined;
  private rendered: RenderedSummary | undefined;
  private openedAt: number | undefined;
  private paintedMs: number | undefined;
  private paintedScriptMs: number | undefined;
  private pendingPost: ReturnType<typeof setTimeout> | undefined;
  /** The panel's page has said `ready` since it opened: a later `ready` is the page loaded again after being hidden. */
  private readySeen = false;

  constructor(private readonly deps: DashboardDeps) {
    super();
    this._register(deps.stats.onDidChange(() => this.schedulePost()));
    this._register({ dispose: () => this.closePanel() });
  }

  async show(startedAt: number): Promise<void> {
    if (this.panel) {
      this.panel.reveal();
    } else {
      this.open(startedAt);
    }
    if (!this.driftReading && Date.now() - this.driftReadAt > DRIFT_MAX_AGE_MS) {
      this.driftReading = this.readDrift().finally(() => (this.driftReading = undefined));
    }
    await this.driftReading;
  }

  refresh(): void {
    this.post();
  }

  probe(): DashboardProbe {
    return { open: this.panel !== undefined, posted: this.posted, paintedMs: this.paintedMs, paintedScriptMs: this.paintedScriptMs, rendered: this.rendered };
  }

  private open(startedAt: number): void {
    const panel = vscode.window.createWebviewPanel('handsOn.dashboard', vscode.l10n.t('Hands-On Dashboard'), vscode.ViewColumn.Active, {
      enableScripts: true,
      // The page loads nothing: its script and stylesheet are in the HTML (dashboardHtml), its figures come by message.
      localResourceRoots: [],
    });
    panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'hands-on.svg');
    this.panel = panel;
    this.openedAt = startedAt;
    this.readySeen = false;
    this.panelDisposables = [
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      panel.onDidDispose(() => this.closePanel()),
    ];
    const assets = vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'webview');
    panel.webview.html = dashboardHtml({
      nonce: newNonce(),
      // Two small files of this extension, read as the panel opens (well under a millisecond): no await before the HTML.
      script: readFileSync(vscode.Uri.joinPath(assets, 'dashboard.js').fsPath, 'utf8'),
      style: readFileSync(vscode.Uri.joinPath(assets, 'dashboard.css').fsPath, 'utf8'),
      lang: vscode.env.language,
      title: vscode.l10n.t('Hands-On Dashboard'),
    });
    this.post();
  }

  private closePanel(): void {
    const panel = this.panel;
    this.panel = undefined;
    // Nothing is shown any more: the probe says so, and the next panel is timed afresh.
    this.posted = undefined;
    this.rendered = undefined;
    this.paintedMs = undefined;
    this.paintedScriptMs = undefined;
    clearTimeout(this.pendingPost);
    this.pendingPost = undefined;
    for (const disposable of this.panelDisposables.splice(0)) disposable.dispose();
    panel?.dispose();
  }

  private async readDrift(): Promise<void> {
    this.drift = await readDriftMaps({ ...this.deps, authorEmails: () => this.deps.config().authorEmails });
    this.driftReadAt = Date.now();
    this.post();
  }

  private receive(message: unknown): void {
    if (!isFromWebview(message)) return;
    switch (message.type) {
      case 'ready':
        if (!this.readySeen && this.posted) {
          // The page that opened: the latest figures are on their way to it already (posted since open()). Send the
          // same message again in case that page was unloaded before they arrived; the page ignores a `seq` it drew.
          this.readySeen = true;
          void this.panel?.webview.postMessage(this.posted);
          return;
        }
        // The page loaded again (it is not kept while hidden): figures as of now.
        this.readySeen = true;
        this.post();
        return;
      case 'painted':
        this.rendered = { seq: message.seq, scriptMs: message.scriptMs, tables: message.tables, text: message.text };
        if (this.paintedMs === undefined && this.openedAt !== undefined) {
          this.paintedMs = performance.now() - this.openedAt;
          this.paintedScriptMs = message.scriptMs;
        }
        return;
      case 'togglePrivacy':
        void vscode.commands.executeCommand(CommandIds.togglePrivacy);
        return;
    }
  }

  private schedulePost(): void {
    if (!this.panel?.visible || this.pendingPost) return;
    this.pendingPost = setTimeout(() => {
      this.pendingPost = undefined;
      this.post();
    }, COALESCE_MS);
  }

  /** Sends the current figures, or in privacy mode only the words to say they are hidden. */
  private post(): void {
    if (!this.panel?.visible) return;
    const config = this.deps.config();
    const rule = parseStreakRule(config.streakRule).rule;
    const text = dashboardText(rule);
    const seq = ++this.seq;
    const message: ToWebview = this.deps.privacy() ? { type: 'hidden', seq, text } : { type: 'render', seq, text, model: this.model(rule, config.dailyGoalMinutes) };
    this.posted = message;
    void this.panel.webview.postMessage(message);
  }

  private model(rule: StreakRule, dailyGoalMinutes: number): DashboardModel {
    const now = this.deps.now();
    const { stats, calendar } = this.deps;
    return buildDashboardModel({
      today: calendar.dayOf(now),
      dayTotals: stats.dayTotals(),
      handsOnDays: stats.handsOnDays(),
      streak: stats.snapshot?.streak,
      rule,
      dailyGoalMinutes,
      finishedTasks: this.deps.finishedTasks(),
      drift: this.drift,
      dayOf: (ms) => calendar.dayOf(ms),
    });
  }
}

function isFromWebview(message: unknown): message is FromWebview {
  if (typeof message !== 'object' || message === null) return false;
  const { type } = message as { type?: unknown };
  if (type === 'painted') {
    const { seq, scriptMs, tables, text } = message as { seq?: unknown; scriptMs?: unknown; tables?: unknown; text?: unknown };
    return typeof seq === 'number' && typeof scriptMs === 'number' && typeof tables === 'object' && tables !== null && typeof text === 'string';
  }
  return type === 'ready' || type === 'togglePrivacy';
}
