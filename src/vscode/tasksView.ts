import * as vscode from 'vscode';
import { ContextKeys } from './commandIds';
import { githubViewMessage } from './github/githubStatusText';
import type { GitHubTaskSource } from './github/githubTaskSource';
import type { TaskService } from './tasks/taskService';
import { emptyListMessage } from './tasks/emptyListText';
import { TasksTreeProvider } from './tasks/tasksTreeProvider';

/**
 * The "Suggested Tasks" view. When it has no items, VS Code shows the welcome content whose
 * `when` clause matches the service's state (refreshing, untrusted, no repository, nothing found).
 * GitHub's state (signed out, offline, rate-limited) and, when nothing is offered, why (emptyListText.ts) are the view's
 * message line, above local tasks.
 */
export function registerTasksView(service: TaskService, github: GitHubTaskSource, now: () => number): vscode.Disposable {
  const provider = new TasksTreeProvider(service);
  const view = vscode.window.createTreeView('handsOn.tasks', { treeDataProvider: provider, showCollapseAll: true });
  const publishState = (): void => {
    void vscode.commands.executeCommand('setContext', ContextKeys.tasksState, service.state);
    void vscode.commands.executeCommand('setContext', ContextKeys.githubState, github.state.kind);
    view.message = tasksViewMessage(service, github, now());
  };
  publishState();
  return vscode.Disposable.from(view, provider, service.onDidChange(publishState), github.onDidChange(publishState));
}

/** The view's message line: GitHub's state first (it may explain a gap), then why the list is empty when it is. */
export function tasksViewMessage(service: TaskService, github: GitHubTaskSource, now: number): string | undefined {
  const empty = service.empty;
  return [githubViewMessage(github.state, now), empty && emptyListMessage(empty)].filter(Boolean).join(' ') || undefined;
}
