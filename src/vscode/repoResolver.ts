import * as path from 'path';
import * as vscode from 'vscode';
import type { CommitHistory } from '../core/ports';
import type { OutputLog } from './outputLog';
import { describeError } from './outputLog';

/**
 * Maps a document to the repository it belongs to: the git root of its workspace folder.
 * Lookups are synchronous and cached because they run on every editor event; git roots are
 * resolved in the background, and only in a trusted workspace (a repo's config can run programs).
 */
export class RepoResolver {
  private readonly rootsByFolder = new Map<string, string>();

  constructor(
    private readonly history: CommitHistory,
    private readonly log: OutputLog,
  ) {}

  /** The repo key for `uri`: the folder's git root once known, else the folder path. */
  repoFor(uri: vscode.Uri | undefined): string {
    const folder = (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
      return '';
    }
    const key = folder.uri.toString();
    return this.rootsByFolder.get(key) ?? folderLabel(folder);
  }

  /** Git roots of all workspace folders on disk; empty in an untrusted workspace. */
  async resolveRoots(): Promise<string[]> {
    if (!vscode.workspace.isTrusted) {
      return [];
    }
    const roots = new Set<string>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') {
        this.log.warnOnce(`virtual:${folder.uri}`, vscode.l10n.t('{0} is not a folder on disk, so its git history is skipped.', folder.name));
        continue;
      }
      try {
        const root = await this.history.repoRoot(folder.uri.fsPath);
        if (root) {
          this.rootsByFolder.set(folder.uri.toString(), root);
          roots.add(root);
        } else {
          this.log.warnOnce(`norepo:${folder.uri}`, vscode.l10n.t('{0} is not a git repository; only its coding time is tracked.', folder.name));
        }
      } catch (error) {
        this.log.warnOnce(`gitfail:${folder.uri}`, vscode.l10n.t('Could not read git for {0}: {1}', folder.name, describeError(error)));
      }
    }
    return [...roots];
  }
}

function folderLabel(folder: vscode.WorkspaceFolder): string {
  return folder.uri.scheme === 'file' ? path.normalize(folder.uri.fsPath) : folder.uri.toString();
}
