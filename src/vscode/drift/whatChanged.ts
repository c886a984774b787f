import * as vscode from 'vscode';
import { readWhatChanged } from '../../adapters/driftReport';
import { renderWhatChanged } from './whatChangedPage';
import type { RepositoryChanges } from './whatChangedPage';
import type { DriftSources } from './driftSources';

export const WHAT_CHANGED_SCHEME = 'hands-on-what-changed';
export const WHAT_CHANGED_URI = vscode.Uri.from({ scheme: WHAT_CHANGED_SCHEME, path: '/What Changed Since I Last Coded.md' });

export type WhatChangedDeps = DriftSources;

export interface WhatChangedPage extends vscode.Disposable {
  /** Reads every repository again and opens the page. */
  show(): Promise<void>;
}

/**
 * "What Changed Since I Last Coded" and its read-only page: per repository, the commits since the user's own
 * last commit, by area and author, new modules and files, dependency changes, the biggest movers and where the
 * team has been busy. Git runs only in trusted folders (the resolver returns no root otherwise).
 * This module is its own bundle (dist/whatChanged.js), loaded when the command first runs.
 */
export function createWhatChanged(deps: WhatChangedDeps): WhatChangedPage {
  let page = '';
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const provider: vscode.TextDocumentContentProvider = { onDidChange: changed.event, provideTextDocumentContent: () => page };
  const registration = vscode.workspace.registerTextDocumentContentProvider(WHAT_CHANGED_SCHEME, provider);
  return {
    show: async () => {
      const repositories = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading what changed since you last coded…') },
        () => collect(deps),
      );
      page = renderWhatChanged(repositories, deps.now(), { t: vscode.l10n.t, fileUri: (file) => vscode.Uri.file(file).toString() });
      changed.fire(WHAT_CHANGED_URI);
      try {
        await vscode.commands.executeCommand('markdown.showPreview', WHAT_CHANGED_URI);
      } catch {
        await vscode.window.showTextDocument(WHAT_CHANGED_URI, { preview: true });
      }
    },
    dispose: () => {
      registration.dispose();
      changed.dispose();
    },
  };
}

async function collect(deps: WhatChangedDeps): Promise<RepositoryChanges[]> {
  const now = deps.now();
  const repositories: RepositoryChanges[] = [];
  for (const root of await deps.resolver.resolveRoots()) {
    try {
      repositories.push({ root, ...(await readWhatChanged(deps.git, deps.history, root, { authorEmails: deps.authorEmails(), now, today: deps.calendar.dayOf(now) })) });
    } catch (error) {
      deps.log.error(vscode.l10n.t('Could not read what changed in {0}', root), error);
    }
  }
  return repositories;
}
