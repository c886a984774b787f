import * as vscode from 'vscode';
import { parseRepoKey } from '../../adapters/github';
import { createDraftPull, createPull } from '../../adapters/github/pickUp';
import type { FocusSession } from '../../core/focus';
import type { GitHubTaskSource } from '../github/githubTaskSource';
import type { OutputLog } from '../outputLog';
import { workingCopyModule } from './workingCopyModule';

/**
 * The end-of-timer "Open Draft PR" for a picked-up bug. Offered only when the branch is pushed and has
 * nothing left to push (from local refs, no network): a PR from a branch GitHub does not have would fail,
 * and one missing the last commits would mislead the reviewers.
 */
export class DraftPullOffer {
  constructor(
    private readonly github: GitHubTaskSource,
    private readonly log: OutputLog,
  ) {}

  async available(session: FocusSession): Promise<boolean> {
    const branch = session.branch;
    if (!branch || session.number === undefined || !vscode.workspace.isTrusted || !this.github.currentClient()) return false;
    try {
      return (await new (workingCopyModule().WorkingCopy)(branch.root).upstreamState(branch.name)) === 'pushed';
    } catch (error) {
      this.log.error(vscode.l10n.t('Could not check whether {0} is pushed', branch.name), error);
      return false;
    }
  }

  /** Opens the PR (or the one already open for the branch) in the browser; false when it could not. */
  async open(session: FocusSession): Promise<boolean> {
    const account = this.github.currentClient();
    const branch = session.branch;
    if (!account || !branch || session.number === undefined) return false;
    const repo = parseRepoKey(session.repo);
    const input = { head: branch.name, base: branch.base, title: session.title, body: `Fixes #${session.number}` };
    try {
      let result = await createDraftPull(account.client, repo, input);
      if (result.kind === 'draftNotSupported') {
        const ready = vscode.l10n.t('Open a Ready PR');
        const choice = await vscode.window.showInformationMessage(vscode.l10n.t('{0} does not allow draft pull requests.', session.repo), ready);
        if (choice !== ready) return false;
        result = await createPull(account.client, repo, input, { draft: false });
      }
      if (result.kind === 'draftNotSupported') return false;
      this.log.info(vscode.l10n.t('Pull request #{0} for {1}: {2}', result.number, branch.name, result.url));
      // Not awaited: the editor may ask before opening a website, and the PR exists whatever the answer.
      void Promise.resolve(vscode.env.openExternal(vscode.Uri.parse(result.url))).catch(() => undefined);
      return true;
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not open a pull request for {0}: {1}', branch.name, error instanceof Error ? error.message : String(error)));
      this.log.error(vscode.l10n.t('Could not open a pull request for {0}', branch.name), error);
      return false;
    }
  }
}
