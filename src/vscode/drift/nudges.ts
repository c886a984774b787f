import * as vscode from 'vscode';
import type { DailyClaim } from '../../adapters/dailyClaim';
import type { LocalDay } from '../../core/model';
import { chooseNudgeAction, type NudgeAction } from '../../core/nudgeAction';
import { decideNudge, DEFAULT_QUIET_HOURS, parseQuietHours, type NudgeDecision } from '../../core/nudgePolicy';
import type { LocalCalendar } from '../../core/ports';
import { parseStreakRule } from '../../core/streakRule';
import type { Task } from '../../core/tasks';
import { CommandIds } from '../commandIds';
import type { HandsOnConfig } from '../config';
import { Disposable } from '../lifecycle';
import type { Notifier } from '../notifier';
import type { OutputLog } from '../outputLog';
import { openTask } from '../tasks/taskCommands';
import { nudgeText } from './nudgeText';

/** The suppression key of the notifier: "Don't Show Again" on a nudge stops all nudges. */
export const NUDGE_KEY = 'nudge';
const SNOOZED_UNTIL = 'handsOn.nudge.snoozedUntil';
/** The day Hands-On first ran: a new user has not drifted, they have just arrived. */
const FIRST_DAY = 'handsOn.nudge.firstDay';
/** Cheap (a pure decision), and short enough that "Monday at 9:05" is not "Monday at 10". */
const CHECK_EVERY_MS = 5 * 60_000;
/** An editor event this recent means the user is at work: a toast now would interrupt. */
const TYPING_MS = 2 * 60_000;
const DAY_MS = 86_400_000;

export interface NudgeDeps {
  readonly state: vscode.Memento;
  readonly notifier: Notifier;
  /** Shared by every window, so only one of them shows the day's nudge. */
  readonly claim: DailyClaim;
  readonly calendar: LocalCalendar;
  readonly now: () => number;
  readonly config: () => HandsOnConfig;
  readonly log: OutputLog;
  /** Undefined until the logs and commit history are read: no nudge on a guess. */
  readonly handsOnDays: () => ReadonlySet<LocalDay> | undefined;
  readonly lastHandsOnDay: () => LocalDay | undefined;
  readonly rankedTasks: () => readonly Task[];
  readonly focusTimerRunning: () => boolean;
  readonly lastEditorEventAt: () => number | undefined;
}

/** What the last check did; the in-host tests read it. */
export interface NudgeCheck {
  readonly decision: NudgeDecision | { readonly nudge: false; readonly because: 'notReady' | 'otherWindow' | 'unfocused' };
  readonly shown?: { readonly message: string; readonly actionLabel: string; readonly choice: Promise<string | undefined> };
}

/**
 * Brings a drifted leader back with one small, concrete action (issue 4, product.md "Nudges respect attention").
 * core/nudgePolicy decides; this class supplies its inputs, shows the one notification, and runs what was chosen.
 */
export class Nudges extends Disposable {
  private lastCheck: NudgeCheck | undefined;
  /**
   * The day this window last tried the day's claim. The claim file is what holds across windows and restarts; this
   * only spares a retry every few minutes once the day is spent.
   */
  private claimedDay: LocalDay | undefined;

  constructor(private readonly deps: NudgeDeps) {
    super();
    if (!deps.state.get<LocalDay>(FIRST_DAY)) void deps.state.update(FIRST_DAY, deps.calendar.dayOf(deps.now()));
  }

  get last(): NudgeCheck | undefined {
    return this.lastCheck;
  }

  /** Checks every few minutes and when the window gains focus. */
  start(): vscode.Disposable {
    const timer = setInterval(() => void this.checkLogged(), CHECK_EVERY_MS);
    const onFocus = vscode.window.onDidChangeWindowState((state) => state.focused && void this.checkLogged());
    return vscode.Disposable.from(onFocus, { dispose: () => clearInterval(timer) });
  }

  /** One decision, and the notification when it says so. Resolves once shown, not once answered. */
  async check(): Promise<NudgeCheck> {
    this.lastCheck = await this.decideAndShow();
    return this.lastCheck;
  }

  private async checkLogged(): Promise<void> {
    try {
      await this.check();
    } catch (error) {
      this.deps.log.error(vscode.l10n.t('Could not check whether to nudge'), error);
    }
  }

  private async decideAndShow(): Promise<NudgeCheck> {
    const { deps } = this;
    // A nudge in a window the user is not looking at would wait there unseen, and the day's nudge would be spent.
    if (!vscode.window.state.focused) return { decision: { nudge: false, because: 'unfocused' } };
    const recorded = deps.handsOnDays();
    if (!recorded) return { decision: { nudge: false, because: 'notReady' } };
    const config = deps.config();
    const now = deps.now();
    const today = deps.calendar.dayOf(now);
    const rule = parseStreakRule(config.streakRule).rule;
    const firstDay = deps.state.get<LocalDay>(FIRST_DAY) ?? today;
    const lastEditorEventAt = deps.lastEditorEventAt();
    const decision = decideNudge({
      now,
      calendar: deps.calendar,
      rule,
      handsOnDays: new Set([...recorded, firstDay]),
      choices: {
        enabled: config.nudges.enabled,
        dontShowAgain: deps.notifier.isSuppressed(NUDGE_KEY),
        snoozedUntil: deps.state.get<number>(SNOOZED_UNTIL),
        lastShownDay: this.claimedDay,
      },
      quietHours: parseQuietHours(config.nudges.quietHours) ?? DEFAULT_QUIET_HOURS,
      afterWorkingDays: config.nudges.afterWorkingDays,
      focusTimerRunning: deps.focusTimerRunning(),
      typing: lastEditorEventAt !== undefined && now - lastEditorEventAt < TYPING_MS,
    });
    if (!decision.nudge) return { decision };
    this.claimedDay = today;
    if (!(await deps.claim.claim(today))) return { decision: { nudge: false, because: 'otherWindow' } };

    const action = chooseNudgeAction(deps.rankedTasks(), config.defaultBudgetMinutes);
    const { message, actionLabel } = nudgeText({
      why: decision.why,
      action,
      today,
      lastHandsOnDay: deps.lastHandsOnDay(),
      daysPerWeek: rule.kind === 'perWeek' ? rule.days : undefined,
      now,
    });
    // Four buttons do not fit a toast (their labels get cut), so both snoozes sit behind one.
    const snooze = vscode.l10n.t('Snooze…');
    const choice = deps.notifier.inform(NUDGE_KEY, message, actionLabel, snooze);
    void choice
      .then(async (chosen) => {
        if (chosen === actionLabel) await runAction(action);
        else if (chosen === snooze) await this.askSnooze();
      })
      .catch((error) => deps.log.error(vscode.l10n.t("The nudge's action failed"), error));
    return { decision, shown: { message, actionLabel, choice } };
  }

  private async askSnooze(): Promise<void> {
    const day = { label: vscode.l10n.t('Snooze for 1 Day'), ms: DAY_MS };
    const week = { label: vscode.l10n.t('Snooze for 1 Week'), ms: 7 * DAY_MS };
    const picked = await vscode.window.showQuickPick([day, week], { title: vscode.l10n.t('Snooze Nudges'), placeHolder: vscode.l10n.t('No nudges until then') });
    if (picked) await this.deps.state.update(SNOOZED_UNTIL, this.deps.now() + picked.ms);
  }
}

async function runAction(action: NudgeAction): Promise<void> {
  switch (action.kind) {
    case 'review':
      return openTask(action.task);
    case 'bug':
      await vscode.commands.executeCommand(CommandIds.pickUpBug, action.task);
      return;
    case 'task':
      await vscode.commands.executeCommand(CommandIds.startTask, action.task);
      return;
    case 'whatChanged':
      await vscode.commands.executeCommand(CommandIds.whatChanged);
      return;
  }
}
