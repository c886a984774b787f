import * as vscode from 'vscode';
import type { Task } from '../../core/tasks';
import { CommandIds } from '../commandIds';
import type { TaskPreferences } from './taskPreferences';
import type { TaskService } from './taskService';
import type { TaskNode } from './tasksTreeProvider';

const DAY_MS = 86_400_000;

/** Opening is what a click does; snooze and dismiss change state, so they are menu actions. */
export function registerTaskCommands(service: TaskService, preferences: TaskPreferences): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(CommandIds.refreshTasks, () =>
      vscode.window.withProgress({ location: { viewId: 'handsOn.tasks' }, title: vscode.l10n.t('Looking for small tasks…') }, () => service.refresh()),
    ),
    vscode.commands.registerCommand(CommandIds.openTask, (arg?: Task | TaskNode) => openTask(taskOf(arg))),
    vscode.commands.registerCommand(CommandIds.snoozeTask, async (arg?: Task | TaskNode) => {
      const task = taskOf(arg);
      if (task) {
        await preferences.snooze(task.id, DAY_MS);
        service.rerank();
      }
    }),
    vscode.commands.registerCommand(CommandIds.snoozeTaskWeek, async (arg?: Task | TaskNode) => {
      const task = taskOf(arg);
      if (task) {
        await preferences.snooze(task.id, 7 * DAY_MS);
        service.rerank();
      }
    }),
    vscode.commands.registerCommand(CommandIds.dismissTask, async (arg?: Task | TaskNode) => {
      const task = taskOf(arg);
      if (task) {
        await preferences.dismiss(task.id);
        service.rerank();
      }
    }),
  );
}

/** Commands get a Task from code and a tree node from the view's menus. */
export function taskOf(arg: Task | TaskNode | undefined): Task | undefined {
  return arg && 'type' in arg ? (arg.type === 'task' ? arg.task : undefined) : (arg as Task | undefined);
}

export async function openTask(task: Task | undefined): Promise<void> {
  if (!task) {
    return;
  }
  if (task.location) {
    const line = Math.max(0, task.location.line - 1);
    const endLine = Math.max(line, (task.location.endLine ?? task.location.line) - 1);
    await vscode.window.showTextDocument(vscode.Uri.file(task.location.file), { selection: new vscode.Range(line, 0, endLine, 0), preview: true });
  } else if (task.url) {
    await vscode.env.openExternal(vscode.Uri.parse(task.url));
  }
}
