import * as vscode from 'vscode';
import { ContextKeys } from './commandIds';
import type { TaskService } from './tasks/taskService';
import { TasksTreeProvider } from './tasks/tasksTreeProvider';

/**
 * The "Suggested Tasks" view. When it has no items, VS Code shows the welcome content whose
 * `when` clause matches the service's state (refreshing, untrusted, no repository, nothing found).
 */
export function registerTasksView(service: TaskService): vscode.Disposable {
  const provider = new TasksTreeProvider(service);
  const view = vscode.window.createTreeView('handsOn.tasks', { treeDataProvider: provider, showCollapseAll: true });
  const publishState = (): void => void vscode.commands.executeCommand('setContext', ContextKeys.tasksState, service.state);
  publishState();
  return vscode.Disposable.from(view, provider, service.onDidChange(publishState));
}
