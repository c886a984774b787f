import * as path from 'path';
import * as vscode from 'vscode';
import type { FocusSession } from '../../core/focus';
import type { Task } from '../../core/tasks';
import { CommandIds } from '../commandIds';
import type { Notifier } from '../notifier';
import type { OutputLog } from '../outputLog';
import type { DraftPullOffer } from './draftPull';
import type { FocusEnd, FocusTimer } from './focusTimer';
import { openTask, taskOf } from './taskCommands';
import type { TaskNode } from './tasksTreeProvider';
import type { TaskService } from './taskService';
import { workingCopyModule } from './workingCopyModule';

const KEEP_GOING_MINUTES = 15;
const BUDGET_CHOICES = [15, 30, 45, 60];

export interface FocusCommandDeps {
  readonly service: TaskService;
  readonly timer: FocusTimer;
  readonly log: OutputLog;
}

/** Starting work: a task from the view, or the best task for the minutes the user has. */
export function registerFocusCommands({ service, timer, log }: FocusCommandDeps): vscode.Disposable {
  const start = async (task: Task): Promise<void> => {
    if (timer.current && timer.current.taskId !== task.id) {
      await timer.stop(false);
    }
    await openTask(task);
    await timer.start(task);
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand(CommandIds.startTask, async (arg?: Task | TaskNode) => {
      const task = taskOf(arg);
      if (task) {
        await start(task);
      }
    }),
    vscode.commands.registerCommand(CommandIds.fitTime, async (minutesArg?: number) => {
      const minutes = minutesArg ?? (await askMinutes());
      if (minutes === undefined) {
        return;
      }
      // Local sources only: GitHub's last results are minutes old at most, and an offline GitHub must not
      // hold up the answer to "what fits my next half hour".
      await service.refreshLocal();
      const task = await pickFittingTask(service.rankedFor(minutes), minutes);
      if (task) {
        await start(task);
      }
    }),
    vscode.commands.registerCommand(CommandIds.stopFocus, async () => {
      const minutes = await timer.stop(true);
      if (minutes !== undefined) {
        log.info(vscode.l10n.t('Focus timer stopped after {0} minutes.', Math.round(minutes)));
        service.rerank();
      }
    }),
  );
}

/**
 * The one notification when the countdown ends; its choice is carried out here. A picked-up bug whose
 * branch is pushed gets "Open Draft PR" in place of "Done" (opening the PR is being done, for now).
 */
export function askAtEndOfFocus(notifier: Notifier, timer: () => FocusTimer, log: OutputLog, draftPull: () => DraftPullOffer) {
  return async (session: FocusSession): Promise<FocusEnd> => {
    const keepGoing = vscode.l10n.t('Keep Going (+{0} min)', KEEP_GOING_MINUTES);
    const stash = vscode.l10n.t('Stash and Note Progress');
    const done = vscode.l10n.t('Done');
    const openPull = vscode.l10n.t('Open Draft PR');
    const last = (await draftPull().available(session)) ? openPull : done;
    const choice = await notifier.inform('focusTimerEnded', vscode.l10n.t('Time is up for "{0}".', session.title), keepGoing, stash, last);
    if (choice === openPull) {
      if (await draftPull().open(session)) {
        await timer().stop(true);
        return 'draftPull';
      }
      return 'dismissed';
    }
    if (choice === keepGoing) {
      await timer().keepGoing(KEEP_GOING_MINUTES);
      return 'keepGoing';
    }
    if (choice === stash) {
      await stashProgress(session, log);
      await timer().stop(false);
      return 'stash';
    }
    if (choice === done) {
      await timer().stop(true);
      return 'done';
    }
    return 'dismissed';
  };
}

async function askMinutes(): Promise<number | undefined> {
  const other = vscode.l10n.t('Other…');
  const picked = await vscode.window.showQuickPick(
    [...BUDGET_CHOICES.map((m) => ({ label: vscode.l10n.t('{0} minutes', m), minutes: m as number | undefined })), { label: other, minutes: undefined }],
    { title: vscode.l10n.t('I Have N Minutes…'), placeHolder: vscode.l10n.t('How much time do you have before your next meeting?') },
  );
  if (!picked) {
    return undefined;
  }
  if (picked.minutes !== undefined) {
    return picked.minutes;
  }
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('I Have N Minutes…'),
    prompt: vscode.l10n.t('Minutes you have (5–240)'),
    validateInput: (text) => (/^\d+$/.test(text.trim()) && Number(text) >= 5 && Number(text) <= 240 ? undefined : vscode.l10n.t('Enter a number from 5 to 240.')),
  });
  return typed === undefined ? undefined : Number(typed.trim());
}

async function pickFittingTask(ranked: readonly Task[], minutes: number): Promise<Task | undefined> {
  const fitting = ranked.filter((task) => task.estimateMinutes <= minutes).slice(0, 10);
  if (fitting.length === 0) {
    const smallest = [...ranked].sort((a, b) => a.estimateMinutes - b.estimateMinutes)[0];
    const message = smallest
      ? vscode.l10n.t('Nothing fits {0} minutes. The smallest task is "{1}" (~{2} min).', minutes, smallest.title, smallest.estimateMinutes)
      : vscode.l10n.t('No tasks found in this workspace yet.');
    const startAnyway = vscode.l10n.t('Start It Anyway');
    const choice = await vscode.window.showInformationMessage(message, ...(smallest ? [startAnyway] : []));
    return choice === startAnyway ? smallest : undefined;
  }
  const picked = await vscode.window.showQuickPick(
    fitting.map((task) => ({
      label: task.title,
      description: vscode.l10n.t('~{0} min · {1}', task.estimateMinutes, task.url ? task.repo : path.basename(task.repo)),
      detail: task.reasons.join(' · '),
      task,
    })),
    { title: vscode.l10n.t('Tasks That Fit {0} Minutes', minutes), placeHolder: vscode.l10n.t('The best fit is first; pick one to open it and start the focus timer'), matchOnDetail: true },
  );
  return picked?.task;
}

/** `git stash push` with the user's note, in the task's repository; never loses the changes. */
async function stashProgress(session: FocusSession, log: OutputLog): Promise<void> {
  const repo = session.branch?.root ?? (path.isAbsolute(session.repo) ? session.repo : undefined);
  const note = await vscode.window.showInputBox({
    title: vscode.l10n.t('Stash and Note Progress'),
    prompt: vscode.l10n.t('A note for when you come back to this'),
    value: vscode.l10n.t('Progress on {0}', session.title),
  });
  if (note === undefined || !repo || !vscode.workspace.isTrusted) {
    return;
  }
  try {
    // The same stash as Pick Up a Bug's: untracked files included, and checked to have happened.
    const { stashed } = await new (workingCopyModule().WorkingCopy)(repo).stash(`Hands-On: ${note}`);
    const message = stashed
      ? vscode.l10n.t('Stashed your changes as "Hands-On: {0}". Run "git stash list" to find them.', note)
      : vscode.l10n.t('Nothing to stash in {0}; your note is in the Hands-On output.', path.basename(repo));
    log.info(`${message} (${note})`);
    void vscode.window.showInformationMessage(message);
  } catch (error) {
    log.error(vscode.l10n.t('Could not stash in {0}', repo), error);
  }
}
