import * as path from 'path';
import * as vscode from 'vscode';
import { assignIssue, defaultBranch, readIssue } from '../../adapters/github/pickUp';
import type { IssueSnapshot } from '../../adapters/github/pickUp';
import type { GitHubClient, RepoRef } from '../../adapters/github';
import { GitHubError, parseRepoKey } from '../../adapters/github';
import type { WorkingCopy } from '../../adapters/workingCopy';
import { branchNameFor } from '../../core/branchName';
import type { FocusBranch } from '../../core/focus';
import { likelyFiles } from '../../core/likelyFiles';
import type { Task } from '../../core/tasks';
import { CommandIds } from '../commandIds';
import type { Clone, GitHubTaskSource } from '../github/githubTaskSource';
import type { OutputLog } from '../outputLog';
import type { FocusTimer } from './focusTimer';
import { taskOf } from './taskCommands';
import type { TaskNode } from './tasksTreeProvider';
import type { TaskService } from './taskService';
import { workingCopyModule } from './workingCopyModule';

/** Editors opened next to the issue: enough to start reading, few enough not to bury the user. */
const FILES_TO_OPEN = 3;

export interface PickUpBugDeps {
  readonly service: TaskService;
  readonly github: GitHubTaskSource;
  readonly timer: FocusTimer;
  readonly log: OutputLog;
  readonly budgetMinutes: () => number;
  readonly branchTemplate: () => string;
}

/**
 * "Pick Up a Bug": from a spare half hour to working on a bug in one step. Each step that changes
 * something (assign, stash, branch) comes after every check that could stop it, so a refusal leaves
 * nothing half done, and the user's uncommitted work is never discarded.
 */
export function registerPickUpBug(deps: PickUpBugDeps): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.pickUpBug, async (arg?: Task | TaskNode) => {
    // Branches are made with git, and a repository's config can make git run programs.
    if (!vscode.workspace.isTrusted) {
      const manage = vscode.l10n.t('Manage Workspace Trust');
      const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Pick Up a Bug creates a git branch, and Hands-On runs git only in folders you trust.'), manage);
      if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
      return;
    }
    const task = taskOf(arg) ?? (await chooseBug(deps));
    if (task && task.kind === 'bug' && task.number !== undefined) await pickUp(deps, task, task.number);
  });
}

async function chooseBug(deps: PickUpBugDeps): Promise<Task | undefined> {
  const budget = deps.budgetMinutes();
  const quickPick = vscode.window.createQuickPick<vscode.QuickPickItem & { task: Task }>();
  quickPick.title = vscode.l10n.t('Pick Up a Bug');
  quickPick.placeholder = vscode.l10n.t('Small bugs that fit {0} minutes, best first: pick one to assign it to you, branch and start the timer', budget);
  quickPick.matchOnDetail = true;
  const fill = (): void => {
    quickPick.items = deps.service
      .rankedFor(budget)
      .filter((task) => task.kind === 'bug' && task.estimateMinutes <= budget)
      .map((task) => ({ label: task.title, description: vscode.l10n.t('~{0} min · {1}#{2}', task.estimateMinutes, task.repo, task.number ?? ''), detail: task.reasons.join(' · '), task }));
  };
  fill();
  // Show what we have at once; a refresh may add or drop bugs while the list is open.
  quickPick.busy = true;
  void deps.service.refresh().finally(() => {
    fill();
    quickPick.busy = false;
    if (quickPick.items.length === 0) quickPick.placeholder = noBugsText(deps, budget);
  });
  quickPick.show();
  const picked = await new Promise<Task | undefined>((resolve) => {
    quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]?.task));
    quickPick.onDidHide(() => resolve(undefined));
  });
  quickPick.dispose();
  return picked;
}

function noBugsText(deps: PickUpBugDeps, budget: number): string {
  const state = deps.github.state.kind;
  if (state === 'signedOut' || state === 'unauthorized') return vscode.l10n.t('Sign in to GitHub (Hands-On: Sign In to GitHub) to see small bugs.');
  return vscode.l10n.t('No open, unassigned bug fits {0} minutes in this workspace’s repositories.', budget);
}

async function pickUp(deps: PickUpBugDeps, task: Task, number: number): Promise<void> {
  const account = deps.github.currentClient();
  const clone = deps.github.cloneOf(task.repo);
  if (!account) {
    const signIn = vscode.l10n.t('Sign In to GitHub');
    if ((await vscode.window.showWarningMessage(vscode.l10n.t('Pick Up a Bug assigns the bug to you on GitHub: sign in first.'), signIn)) === signIn) {
      await vscode.commands.executeCommand(CommandIds.signInToGitHub);
    }
    return;
  }
  if (!clone) {
    void vscode.window.showWarningMessage(vscode.l10n.t('No folder in this workspace is a clone of {0}. Open one to pick up its bugs.', task.repo));
    return;
  }
  const repo = parseRepoKey(task.repo);
  const copy = new (workingCopyModule().WorkingCopy)(clone.root);
  try {
    const issue = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking #{0} on GitHub…', number) }, () => readIssue(account.client, repo, number));
    if (!(await stillAvailable(issue, account.login))) return;
    if (!(await clearWorkingTree(copy, task, number))) return;
    const branch = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Picking up #{0}…', number) }, async (progress) => {
      progress.report({ message: vscode.l10n.t('assigning you on GitHub') });
      const assigned = await assign(account.client, repo, number, account.login, deps.log);
      if (!assigned) return undefined;
      progress.report({ message: vscode.l10n.t('creating the branch') });
      return createBranch(deps, account.client, repo, clone, copy, task, number);
    });
    if (!branch) return;
    // The timer first: from here on the user is working on the bug, whatever opening the files does.
    await deps.timer.start(task, branch);
    // Assigned now, so it leaves the list of bugs nobody has.
    void deps.github.refresh();
    await openIssueAndFiles(copy, issue, deps.log);
    deps.log.info(vscode.l10n.t('Picked up {0}#{1} on branch {2}.', task.repo, number, branch.name));
  } catch (error) {
    void vscode.window.showErrorMessage(describePickUpError(error, task.repo));
    deps.log.error(vscode.l10n.t('Pick Up a Bug failed for {0}#{1}', task.repo, number), error);
  }
}

/** Leader-fit rule: never take work someone else has. Read before changing anything. */
async function stillAvailable(issue: IssueSnapshot, login: string): Promise<boolean> {
  if (!issue.open) {
    void vscode.window.showInformationMessage(vscode.l10n.t('#{0} is closed now. Pick another bug.', issue.number));
    return false;
  }
  const others = issue.assignees.filter((a) => a.toLowerCase() !== login.toLowerCase());
  if (others.length > 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('#{0} is assigned to {1} now. Pick another bug.', issue.number, others.join(', ')));
    return false;
  }
  return true;
}

/**
 * Uncommitted changes are never lost: the user stashes them or takes them along to the new branch.
 * A quick pick rather than a modal dialog: it is keyboard-first, shows what each choice does, and Escape cancels.
 */
async function clearWorkingTree(copy: WorkingCopy, task: Task, number: number): Promise<boolean> {
  const state = await copy.state();
  if (state.dirtyFiles.length === 0) return true;
  const shown = state.dirtyFiles.slice(0, 5).join(', ') + (state.dirtyFiles.length > 5 ? ', …' : '');
  const choices = [
    { label: vscode.l10n.t('$(archive) Stash Them'), detail: vscode.l10n.t('Start #{0} on a clean branch; "git stash list" brings the changes back.', number), stash: true },
    { label: vscode.l10n.t('$(arrow-right) Take Them Along'), detail: vscode.l10n.t('Keep the changes in the working tree on the new branch.'), stash: false },
  ];
  const choice = await vscode.window.showQuickPick(choices, {
    title: vscode.l10n.t('Pick Up #{0}: {1} Uncommitted Changes in {2}', number, state.dirtyFiles.length, path.basename(copy.root)),
    placeHolder: vscode.l10n.t('Nothing is discarded. Changed: {0}', shown),
    ignoreFocusOut: true,
  });
  if (!choice) return false;
  if (!choice.stash) return true;
  const result = await copy.stash(`Hands-On: before picking up ${task.repo}#${number}`);
  if (result.leftOver.length > 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Some changes could not be stashed ({0}); they stay in the working tree and come along to the new branch.', result.leftOver.join(', ')));
  }
  return true;
}

async function assign(client: GitHubClient, repo: RepoRef, number: number, login: string, log: OutputLog): Promise<boolean> {
  const result = await assignIssue(client, repo, number, login);
  if (result.assigned) return true;
  if (result.reason === 'notPermitted') {
    // Still worth working on: say so on the issue instead. The branch and timer go ahead.
    void vscode.window.showWarningMessage(vscode.l10n.t('GitHub did not assign you to #{0}: you may lack write access to {1}. Comment on the issue to say you are on it.', number, `${repo.owner}/${repo.name}`));
    log.info(`#${number}: assignment refused by GitHub (no write access?)`);
    return true;
  }
  void vscode.window.showInformationMessage(
    result.reason === 'closed'
      ? vscode.l10n.t('#{0} is closed now. Pick another bug.', number)
      : vscode.l10n.t('#{0} is assigned to {1} now. Pick another bug.', number, result.assignees.join(', ')),
  );
  return false;
}

/** From the repository's default branch as last fetched, else from where the user is. */
async function createBranch(deps: PickUpBugDeps, client: GitHubClient, repo: RepoRef, clone: Clone, copy: WorkingCopy, task: Task, number: number): Promise<FocusBranch> {
  const base = await defaultBranch(client, repo);
  const name = branchNameFor(deps.branchTemplate(), { number, title: task.title, repo: repo.name });
  const remoteBase = `${clone.remote}/${base}`;
  const from = (await copy.hasRevision(`refs/remotes/${remoteBase}`)) ? remoteBase : undefined;
  const made = await copy.createAndCheckoutBranch(name, from ? { from } : {});
  if (!made.created) deps.log.info(vscode.l10n.t('Branch {0} already existed; checked it out.', name));
  return { root: clone.root, name, remote: clone.remote, base };
}

async function openIssueAndFiles(copy: WorkingCopy, issue: IssueSnapshot, log: OutputLog): Promise<void> {
  // Not awaited: the browser may ask the user first, and the files need not wait for that answer.
  void Promise.resolve(vscode.env.openExternal(vscode.Uri.parse(issue.url))).catch(() => undefined);
  try {
    const files = likelyFiles(`${issue.title}\n${issue.body}`, await copy.trackedFiles(), FILES_TO_OPEN);
    for (const [i, file] of files.entries()) {
      await vscode.window.showTextDocument(vscode.Uri.file(path.join(copy.root, file)), { preview: false, preserveFocus: i > 0 });
    }
  } catch (error) {
    log.error(vscode.l10n.t('Could not open the files #{0} mentions', issue.number), error);
  }
}

function describePickUpError(error: unknown, repo: string): string {
  if (workingCopyModule().WorkingCopyError.is(error)) {
    return error.kind === 'conflict'
      ? vscode.l10n.t('Could not switch branches: your changes conflict with the new branch. Commit or stash them, then try again. Nothing was lost.')
      : vscode.l10n.t('git could not create the branch: {0}', error.message);
  }
  if (GitHubError.is(error)) {
    switch (error.kind) {
      case 'unauthorized':
        return vscode.l10n.t('GitHub no longer accepts your sign-in. Sign in again, then pick up the bug.');
      case 'rateLimited':
        return vscode.l10n.t('GitHub rate limit reached. Try again later.');
      case 'network':
      case 'timeout':
        return vscode.l10n.t('GitHub is unreachable. Try again when you are online.');
      default:
        return vscode.l10n.t('GitHub refused the request for {0}: {1}', repo, error.message);
    }
  }
  return error instanceof Error ? error.message : String(error);
}
