import * as vscode from 'vscode';
import { clockTime } from '../format';
import type { GitHubState } from './githubTaskSource';

/**
 * The one line the Suggested Tasks view shows above its items about GitHub, or undefined when all is
 * well. Old results stay listed, so the line says how old they are and when they will be fresh again.
 */
export function githubViewMessage(state: GitHubState, now: number): string | undefined {
  const asOf = 'asOf' in state && state.asOf !== undefined ? clockTime(state.asOf, now) : undefined;
  switch (state.kind) {
    case 'signedOut':
      return vscode.l10n.t('Sign in to GitHub to add review requests and small bugs.');
    case 'offline':
      return asOf
        ? vscode.l10n.t('GitHub is unreachable. Reviews and bugs are as of {0}.', asOf)
        : vscode.l10n.t('GitHub is unreachable. Reviews and bugs will appear when it is back.');
    case 'rateLimited': {
      const until = state.until !== undefined ? clockTime(state.until, now) : undefined;
      const resume = until ? vscode.l10n.t('GitHub rate limit reached; refreshing again at {0}.', until) : vscode.l10n.t('GitHub rate limit reached.');
      return asOf ? `${resume} ${vscode.l10n.t('Reviews and bugs are as of {0}.', asOf)}` : resume;
    }
    case 'unauthorized':
      return asOf
        ? vscode.l10n.t('GitHub no longer accepts your sign-in. Sign in again to refresh reviews and bugs (as of {0}).', asOf)
        : vscode.l10n.t('GitHub no longer accepts your sign-in. Sign in again to see reviews and bugs.');
    case 'partial':
      return vscode.l10n.t('Some GitHub repositories could not be read; the Hands-On output says which.');
    case 'incomplete':
      return vscode.l10n.t('GitHub returned incomplete search results; some review requests may be missing.');
    case 'missingScope':
      return vscode.l10n.t('Your GitHub sign-in cannot see private repositories, so their reviews and bugs are missing. Sign in again to grant access.');
    default:
      return undefined;
  }
}
