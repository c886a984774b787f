import * as vscode from 'vscode';
import { dayNumber } from '../../core/localDays';
import type { LocalDay } from '../../core/model';
import type { NudgeAction } from '../../core/nudgeAction';

export interface NudgeTextInput {
  readonly why: 'drifted' | 'weekAtRisk';
  readonly action: NudgeAction;
  readonly today: LocalDay;
  readonly lastHandsOnDay: LocalDay | undefined;
  /** N of a `perWeek:N` rule, for the week-at-risk sentence. */
  readonly daysPerWeek?: number;
  readonly now: number;
}

/** The nudge as the user reads it: why now, then the one thing to do, e.g. "You last coded 6 days ago. #482 (+18 −4) has waited 2 days for your review (~5 min)." */
export function nudgeText({ why, action, today, lastHandsOnDay, daysPerWeek, now }: NudgeTextInput): { message: string; actionLabel: string } {
  const reason =
    why === 'weekAtRisk'
      ? vscode.l10n.t('Code today to keep your {0}-days-a-week streak.', daysPerWeek ?? 0)
      : lastHandsOnDay
        ? vscode.l10n.t('You last coded {0} days ago.', dayNumber(today) - dayNumber(lastHandsOnDay))
        : vscode.l10n.t('You have not had a hands-on day in a while.');
  const { offer, actionLabel } = describeAction(action, now);
  return { message: `${reason} ${offer}`, actionLabel };
}

function describeAction(action: NudgeAction, now: number): { offer: string; actionLabel: string } {
  switch (action.kind) {
    case 'review': {
      const { task } = action;
      const signals = task.signals.kind === 'review' ? task.signals : undefined;
      const waitingDays = signals ? Math.floor((now - signals.waitingSince) / 86_400_000) : 0;
      const size = signals ? ` (+${signals.additions} −${signals.deletions})` : '';
      const offer =
        waitingDays >= 1
          ? vscode.l10n.t('#{0}{1} has waited {2} days for your review (~{3} min).', task.number ?? '', size, waitingDays, task.estimateMinutes)
          : vscode.l10n.t('#{0}{1} is waiting for your review (~{2} min).', task.number ?? '', size, task.estimateMinutes);
      return { offer, actionLabel: vscode.l10n.t('Review #{0}', task.number ?? '') };
    }
    case 'bug':
      return {
        offer: vscode.l10n.t('Bug #{0} "{1}" fits in ~{2} min.', action.task.number ?? '', action.task.title, action.task.estimateMinutes),
        actionLabel: vscode.l10n.t('Pick Up #{0}', action.task.number ?? ''),
      };
    case 'task':
      return {
        offer: vscode.l10n.t('"{0}" fits in ~{1} min.', action.task.title, action.task.estimateMinutes),
        actionLabel: vscode.l10n.t('Start'),
      };
    case 'whatChanged':
      return { offer: vscode.l10n.t('See what your team changed meanwhile (~1 min read).'), actionLabel: vscode.l10n.t('What Changed') };
  }
}
