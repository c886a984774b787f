import * as path from 'path';
import * as vscode from 'vscode';
import type { Task, TaskKind } from '../../core/tasks';
import { CommandIds } from '../commandIds';
import type { TaskService } from './taskService';

/** Group order is the order a leader cares about: unblocking people first, then bugs, then hygiene. */
const GROUPS: readonly { kind: TaskKind; icon: string; label: () => string }[] = [
  { kind: 'review', icon: 'git-pull-request', label: () => vscode.l10n.t('Reviews') },
  { kind: 'bug', icon: 'bug', label: () => vscode.l10n.t('Bugs') },
  { kind: 'testGap', icon: 'beaker', label: () => vscode.l10n.t('Test Gaps') },
  { kind: 'skippedTest', icon: 'debug-step-over', label: () => vscode.l10n.t('Skipped Tests') },
  { kind: 'todo', icon: 'checklist', label: () => vscode.l10n.t('TODOs') },
];

/**
 * Items shown but not offered (Task.parked: waiting on other work, disabled on purpose, open-ended notes) share one
 * collapsed group at the end, so they never read as suggestions.
 */
const PARKED_GROUP = { icon: 'watch', label: () => vscode.l10n.t('Waiting or Parked') };

type GroupKey = TaskKind | 'parked';

export type TaskNode = { readonly type: 'group'; readonly kind: GroupKey; readonly tasks: readonly Task[] } | { readonly type: 'task'; readonly task: Task };

/** Maps the ranked list to tree items; it holds no state of its own. */
export class TasksTreeProvider implements vscode.TreeDataProvider<TaskNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly service: TaskService) {
    this.subscription = service.onDidChange(() => this.changed.fire());
  }

  getChildren(node?: TaskNode): TaskNode[] {
    if (!node) {
      const offered = this.service.tasks.filter((task) => task.parked === undefined);
      const groups: TaskNode[] = GROUPS.map((group) => ({ type: 'group' as const, kind: group.kind, tasks: offered.filter((task) => task.kind === group.kind) }));
      groups.push({ type: 'group', kind: 'parked', tasks: this.service.tasks.filter((task) => task.parked !== undefined) });
      return groups.filter((group) => group.type === 'group' && group.tasks.length > 0);
    }
    return node.type === 'group' ? node.tasks.map((task) => ({ type: 'task' as const, task })) : [];
  }

  getTreeItem(node: TaskNode): vscode.TreeItem {
    return node.type === 'group' ? groupItem(node.kind, node.tasks.length) : taskItem(node.task);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function groupItem(kind: GroupKey, count: number): vscode.TreeItem {
  const group = kind === 'parked' ? PARKED_GROUP : GROUPS.find((g) => g.kind === kind)!;
  const item = new vscode.TreeItem(group.label(), kind === 'parked' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
  item.id = `group:${kind}`;
  item.description = String(count);
  item.iconPath = new vscode.ThemeIcon(group.icon);
  item.contextValue = 'handsOn.taskGroup';
  return item;
}

function taskItem(task: Task): vscode.TreeItem {
  const item = new vscode.TreeItem(task.title, vscode.TreeItemCollapsibleState.None);
  item.id = task.id;
  const repoName = task.url ? task.repo : path.basename(task.repo);
  const minutes = task.tooBigForOneSitting ? vscode.l10n.t('~{0} min+', task.estimateMinutes) : vscode.l10n.t('~{0} min', task.estimateMinutes);
  item.description = `${minutes} · ${repoName}`;
  item.iconPath = new vscode.ThemeIcon(GROUPS.find((g) => g.kind === task.kind)!.icon);
  item.tooltip = tooltipFor(task, minutes);
  // Bugs get Pick Up a Bug (assign, branch, timer) as their inline action instead of a plain Start.
  item.contextValue = task.kind === 'bug' ? 'handsOn.task.bug' : 'handsOn.task';
  item.accessibilityInformation = { label: vscode.l10n.t('{0}, estimated {1}, in {2}', task.title, minutes, repoName) };
  item.command = { command: CommandIds.openTask, title: vscode.l10n.t('Open'), arguments: [task] };
  return item;
}

function tooltipFor(task: Task, minutes: string): vscode.MarkdownString {
  // Titles come from other people's code and issues: escape them rather than render their markup.
  const tooltip = new vscode.MarkdownString();
  tooltip.appendText(task.title);
  tooltip.appendMarkdown(`\n\n**${vscode.l10n.t('Estimate')}:** `);
  tooltip.appendText(minutes);
  if (task.tooBigForOneSitting) {
    tooltip.appendMarkdown(`\n\n${vscode.l10n.t('More than one sitting: split it or plan a longer slot.')}`);
  }
  tooltip.appendMarkdown(`\n\n**${task.parked ? vscode.l10n.t('Why it is not offered now') : vscode.l10n.t('Why it is suggested')}:**\n`);
  for (const reason of task.reasons) {
    tooltip.appendMarkdown('\n- ');
    tooltip.appendText(reason);
  }
  if (task.location) {
    tooltip.appendMarkdown('\n\n');
    tooltip.appendText(`${path.relative(task.repo, task.location.file) || task.location.file}:${task.location.line}`);
  }
  return tooltip;
}
