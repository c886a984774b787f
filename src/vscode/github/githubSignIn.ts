import * as vscode from 'vscode';
import { GitHubUrlError, normalizeGitHubBaseUrl, webUrlFor } from '../../adapters/github';

/** A GitHub server and the VS Code auth provider that signs in to it. */
export interface GitHubServer {
  readonly providerId: 'github' | 'github-enterprise';
  /** REST base, e.g. https://api.github.com or https://ghe.example.com/api/v3. */
  readonly baseUrl: string;
  /** Where remotes and web pages point, e.g. https://github.com. */
  readonly webUrl: string;
}

export interface GitHubIdentity {
  readonly server: GitHubServer;
  readonly token: string;
  readonly login: string;
}

/** silent: never prompts. prompt: the user asked to sign in. renew: GitHub refused the token (401). */
export type SignInMode = 'silent' | 'prompt' | 'renew';

export interface GitHubSignIn {
  /** Servers to look for in the workspace remotes, GitHub Enterprise (when configured) first. */
  servers(): GitHubServer[];
  session(server: GitHubServer, mode: SignInMode): Promise<GitHubIdentity | undefined>;
  readonly onDidChangeSessions: vscode.Event<void>;
}

/** The scopes the GitHub Pull Requests extension asks for: one consent covers both extensions. */
const SCOPES = ['read:user', 'user:email', 'repo'];
/** A provider that never registers (an editor build without GitHub sign-in) must not hang a refresh. */
const SILENT_TIMEOUT_MS = 10_000;

/** VS Code's built-in GitHub and GitHub Enterprise sign-in (facts.md: getSession silent first, forceNewSession once). */
export class VsCodeGitHubSignIn implements GitHubSignIn {
  constructor(private readonly log: { warnOnce(key: string, message: string): void }) {}

  readonly onDidChangeSessions: vscode.Event<void> = (listener, thisArgs, disposables) =>
    vscode.authentication.onDidChangeSessions(
      (event) => {
        if (event.provider.id === 'github' || event.provider.id === 'github-enterprise') listener.call(thisArgs, undefined);
      },
      undefined,
      disposables,
    );

  servers(): GitHubServer[] {
    const servers: GitHubServer[] = [];
    const enterpriseUri = vscode.workspace.getConfiguration('github-enterprise').get<string>('uri')?.trim();
    if (enterpriseUri) {
      try {
        const baseUrl = normalizeGitHubBaseUrl(enterpriseUri);
        servers.push({ providerId: 'github-enterprise', baseUrl, webUrl: webUrlFor(baseUrl) });
      } catch (error) {
        if (!(error instanceof GitHubUrlError)) throw error;
        this.log.warnOnce(`gheUri:${enterpriseUri}`, vscode.l10n.t('The setting github-enterprise.uri is not usable: {0}', error.message));
      }
    }
    const dotCom = normalizeGitHubBaseUrl(undefined);
    servers.push({ providerId: 'github', baseUrl: dotCom, webUrl: webUrlFor(dotCom) });
    return servers;
  }

  async session(server: GitHubServer, mode: SignInMode): Promise<GitHubIdentity | undefined> {
    let options: vscode.AuthenticationGetSessionOptions;
    if (mode === 'silent') {
      options = { silent: true };
    } else if (mode === 'prompt') {
      options = { createIfNone: true };
    } else {
      options = { forceNewSession: { detail: vscode.l10n.t('GitHub no longer accepts the saved sign-in. Sign in again to see review requests and bugs in Hands-On.') } };
    }
    try {
      const request = vscode.authentication.getSession(server.providerId, SCOPES, options);
      const session = mode === 'silent' ? await withTimeout(request, SILENT_TIMEOUT_MS) : await request;
      return session ? { server, token: session.accessToken, login: session.account.label } : undefined;
    } catch (error) {
      // Declined, cancelled, or no such provider in this editor: treated as "not signed in".
      this.log.warnOnce(`signin:${server.providerId}:${mode}`, vscode.l10n.t('GitHub sign-in did not complete: {0}', error instanceof Error ? error.message : String(error)));
      return undefined;
    }
  }
}

/** Test mode only: a fixed token for a local fake GitHub, since a test cannot use VS Code's sign-in. */
export class FixedGitHubSignIn implements GitHubSignIn {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeSessions = this.changed.event;
  private identity: GitHubIdentity | undefined;
  /** How often GitHub's refusal made us ask for a new session; a test asserts "once". */
  renewRequests = 0;

  set(account: { readonly baseUrl: string; readonly token: string; readonly login: string } | undefined): void {
    const baseUrl = account && normalizeGitHubBaseUrl(account.baseUrl);
    this.identity = account && baseUrl ? { server: { providerId: 'github-enterprise', baseUrl, webUrl: webUrlFor(baseUrl) }, token: account.token, login: account.login } : undefined;
    this.changed.fire();
  }

  servers(): GitHubServer[] {
    return this.identity ? [this.identity.server] : [];
  }

  async session(_server: GitHubServer, mode: SignInMode): Promise<GitHubIdentity | undefined> {
    if (mode !== 'renew') return this.identity;
    // As if the user dismissed VS Code's prompt: the refused token is not offered again.
    this.renewRequests++;
    return undefined;
  }
}

function withTimeout<T>(promise: Thenable<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}
