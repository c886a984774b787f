import * as vscode from 'vscode';
import type { GitGateway } from '../../adapters/gitProcess';
import { readRemotes } from '../../adapters/gitRemotes';
import { accountKey, createGitHubClient, fetchGitHubCandidates, GitHubCache } from '../../adapters/github';
import type { GitHubClient, GitHubFetchResult, RepoRef } from '../../adapters/github';
import { SavedGitHubResultsStore } from '../../adapters/github/savedResults';
import { afterRefresh } from '../../core/githubRefresh';
import type { GitHubStatus } from '../../core/githubRefresh';
import { parseGitHubRemotes } from '../../core/githubRemote';
import type { LocalCalendar } from '../../core/ports';
import type { TaskCandidate } from '../../core/tasks';
import { Disposable } from '../lifecycle';
import type { OutputLog } from '../outputLog';
import { describeError } from '../outputLog';
import type { RepoResolver } from '../repoResolver';
import type { GitHubIdentity, GitHubServer, GitHubSignIn } from './githubSignIn';

export interface GitHubSettings {
  readonly enabled: boolean;
  readonly bugLabels: readonly string[];
  readonly includeTeamReviews: boolean;
  readonly pollMinutes: number;
}

/** Where GitHub stands, for the view's message and welcome content. */
export type GitHubState =
  | { readonly kind: 'disabled' | 'untrusted' | 'signedOut' | 'starting' }
  /** The sign-in cannot see private repositories (a token without `repo`): say so rather than show "no bugs". */
  | { readonly kind: 'missingScope'; readonly asOf: number }
  /** Everything answered, but GitHub said its search results are incomplete. */
  | { readonly kind: 'incomplete'; readonly asOf: number }
  | GitHubStatus;

export interface GitHubTaskSourceOptions {
  readonly resolver: RepoResolver;
  readonly git: GitGateway;
  readonly signIn: GitHubSignIn;
  /** globalStorage: the last results and ETags per account (adapters/github/savedResults). */
  readonly storageDir: string;
  readonly calendar: LocalCalendar;
  readonly now: () => number;
  readonly log: OutputLog;
  readonly settings: () => GitHubSettings;
  readonly userAgent: string;
}

/** After a refused token we ask for a new sign-in once; if the user declines, not again for this long. */
const RENEW_COOLDOWN_MS = 60 * 60_000;

export interface Clone {
  readonly root: string;
  readonly remote: string;
}

interface Account {
  readonly key: string;
  readonly identity: GitHubIdentity;
  readonly cache: GitHubCache;
}

/**
 * Review requests and small bugs from GitHub for the Suggested Tasks view. Never blocks the local
 * sources: it refreshes on its own, keeps its last results (on disk too) with their "as of" time when
 * GitHub fails, and polls only while this window has focus, so several open windows do not multiply
 * the requests and a laptop left open overnight spends nothing.
 */
export class GitHubTaskSource extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  private shown: TaskCandidate[] = [];
  private shownAsOf: number | undefined;
  private currentState: GitHubState = { kind: 'starting' };
  private account: Account | undefined;
  private client: { readonly key: string; readonly client: GitHubClient } | undefined;
  private running: Promise<void> | undefined;
  private lastRefreshAt = 0;
  private readonly lastRenewAt = new Map<string, number>();
  private clones = new Map<string, Clone>();
  private readonly saved: SavedGitHubResultsStore;
  private signIn: GitHubSignIn;
  private sessionWatch: vscode.Disposable;

  constructor(private readonly options: GitHubTaskSourceOptions) {
    super();
    this.saved = new SavedGitHubResultsStore(options.storageDir);
    this.signIn = options.signIn;
    this.sessionWatch = this.watchSessions();
    this._register({ dispose: () => this.sessionWatch.dispose() });
  }

  get candidates(): readonly TaskCandidate[] {
    return this.shown;
  }

  get login(): string | undefined {
    return this.account?.identity.login;
  }

  get state(): GitHubState {
    return this.currentState;
  }

  /** `userAsked`: the Refresh button, so the review search is not reused from a recent refresh. */
  refresh(userAsked = false): Promise<void> {
    this.running ??= this.collect(userAsked).finally(() => (this.running = undefined));
    return this.running;
  }

  /** The workspace folder that clones `owner/name`, and the name of its remote for it (from the last refresh). */
  cloneOf(repo: string): Clone | undefined {
    return this.clones.get(repo.toLowerCase());
  }

  /** The account in use, for Pick Up a Bug (assigning needs the same client and login). */
  currentClient(): { readonly client: GitHubClient; readonly login: string } | undefined {
    return this.account && this.client ? { client: this.client.client, login: this.account.identity.login } : undefined;
  }

  /** The Sign In button; with a sign-in that cannot see private repositories, a new one that can. */
  async signInInteractively(): Promise<void> {
    const server = (await this.workspaceServer())?.server ?? this.signIn.servers().at(-1);
    const mode = this.currentState.kind === 'missingScope' || this.currentState.kind === 'unauthorized' ? 'renew' : 'prompt';
    if (server && (await this.signIn.session(server, mode))) {
      this.account = undefined;
      await this.refresh(true);
    }
  }

  /** Test mode: a fixed account on a local fake GitHub instead of VS Code's sign-in. */
  useSignIn(signIn: GitHubSignIn): void {
    this.signIn = signIn;
    this.account = undefined;
    this.sessionWatch.dispose();
    this.sessionWatch = this.watchSessions();
  }

  /** Polls every `pollMinutes` while the window has focus, and at once on regaining focus after that long. */
  startPolling(): vscode.Disposable {
    const due = () => {
      const now = this.options.now();
      const state = this.currentState;
      // A rate limit's reset is worth a refresh of its own: the view says "refreshing again at HH:MM".
      if (state.kind === 'rateLimited' && state.until !== undefined && now >= state.until && this.lastRefreshAt < state.until) return true;
      return now - this.lastRefreshAt >= this.options.settings().pollMinutes * 60_000;
    };
    const timer = setInterval(() => {
      if (vscode.window.state.focused && due()) void this.refresh();
    }, 60_000);
    return vscode.Disposable.from(
      { dispose: () => clearInterval(timer) },
      vscode.window.onDidChangeWindowState((state) => {
        if (state.focused && due()) void this.refresh();
      }),
    );
  }

  private watchSessions(): vscode.Disposable {
    return this.signIn.onDidChangeSessions(() => {
      this.account = undefined; // another account may be signed in now: its data must not mix with this one's
      void this.refresh();
    });
  }

  private async collect(userAsked: boolean): Promise<void> {
    this.lastRefreshAt = this.options.now();
    const settings = this.options.settings();
    if (!settings.enabled) return this.leave('disabled');
    // The remotes come from git, and git runs only in trusted folders.
    if (!vscode.workspace.isTrusted) return this.leave('untrusted');
    try {
      const workspace = await this.workspaceServer();
      if (!workspace) return this.leave('signedOut');
      let identity = await this.signIn.session(workspace.server, 'silent');
      if (!identity) return this.leave('signedOut');
      let result = await this.fetch(await this.accountFor(identity), workspace.repos, settings, userAsked);
      if (result.errors.some((e) => e.kind === 'unauthorized') && this.mayAskToRenew(workspace.server)) {
        // GitHub refused the token (expired, revoked): ask VS Code for a new session, once per cooldown.
        const renewed = await this.signIn.session(workspace.server, 'renew');
        if (renewed) {
          identity = renewed;
          result = await this.fetch(await this.accountFor(identity), workspace.repos, settings, userAsked);
        }
      }
      this.report(result);
      const outcome = afterRefresh(this.shown, this.shownAsOf, result.candidates, result.errors.map((e) => ({ kind: e.kind, ...(e.details.scope !== undefined && { scope: e.details.scope }), ...(e.details.until !== undefined && { until: e.details.until }) })), result.asOf);
      const asOf = 'asOf' in outcome.status ? outcome.status.asOf : undefined;
      this.shownAsOf = asOf;
      let state: GitHubState = outcome.status;
      if (state.kind === 'ok' && result.missingRepoScope) state = { kind: 'missingScope', asOf: state.asOf };
      else if (state.kind === 'ok' && result.partial) state = { kind: 'incomplete', asOf: state.asOf };
      this.publish(state, outcome.candidates);
      if (asOf !== undefined && this.account) void this.saved.save({ candidates: outcome.candidates, asOf, cache: this.account.cache });
    } catch (error) {
      this.options.log.error(vscode.l10n.t('Could not read review requests and bugs from GitHub'), error);
      this.publish({ kind: 'offline', ...(this.shownAsOf !== undefined && { asOf: this.shownAsOf }) }, this.shown);
    }
  }

  /** One sign-in prompt per server per cooldown, however many polls meet the same refused token. */
  private mayAskToRenew(server: GitHubServer): boolean {
    const key = `${server.providerId} ${server.baseUrl}`;
    const now = this.options.now();
    if (now - (this.lastRenewAt.get(key) ?? -Infinity) < RENEW_COOLDOWN_MS) return false;
    this.lastRenewAt.set(key, now);
    return true;
  }

  /** The server the workspace's remotes point at (GitHub Enterprise first when configured) and its repositories. */
  private async workspaceServer(): Promise<{ readonly server: GitHubServer; readonly repos: RepoRef[] } | undefined> {
    const servers = this.signIn.servers();
    if (servers.length === 0) return undefined;
    const roots = await this.options.resolver.resolveRoots();
    const remotes = await Promise.all(
      roots.map((root) =>
        readRemotes(this.options.git, root).catch((error: unknown) => {
          this.options.log.warnOnce(`remotes:${root}`, vscode.l10n.t('Could not read the git remotes of {0}: {1}', root, describeError(error)));
          return '';
        }),
      ),
    );
    for (const server of servers) {
      const repos = remotes.flatMap((text) => parseGitHubRemotes(text, server.webUrl));
      if (repos.length > 0) {
        this.clones = clonesOf(roots, remotes, server.webUrl);
        return { server, repos };
      }
    }
    this.clones = new Map();
    // No GitHub remote: review requests are account-wide, so github.com (the last server) is still worth asking.
    return { server: servers.at(-1)!, repos: [] };
  }

  /** Same account: same cache. A new account starts from its own saved results, never another's. */
  private async accountFor(identity: GitHubIdentity): Promise<Account> {
    const key = accountKey(identity.server.baseUrl, identity.login);
    if (this.account?.key !== key) {
      const saved = await this.saved.load(key);
      this.account = { key, identity, cache: saved?.cache ?? GitHubCache.empty(key) };
      this.shownAsOf = saved?.asOf;
      this.publish({ kind: 'starting' }, saved?.candidates ?? []);
    } else {
      this.account = { ...this.account, identity };
    }
    return this.account;
  }

  private fetch(account: Account, repos: RepoRef[], settings: GitHubSettings, userAsked: boolean): Promise<GitHubFetchResult> {
    const { identity } = account;
    const clientKey = `${identity.server.baseUrl}\n${identity.token}`;
    if (this.client?.key !== clientKey) {
      this.client = { key: clientKey, client: createGitHubClient({ token: identity.token, baseUrl: identity.server.baseUrl, userAgent: this.options.userAgent }) };
    }
    return fetchGitHubCandidates({
      client: this.client.client,
      repos,
      bugLabels: settings.bugLabels,
      includeTeamReviews: settings.includeTeamReviews,
      login: identity.login,
      cache: account.cache,
      now: this.options.now(),
      dayOf: (ms) => this.options.calendar.dayOf(ms),
      ...(userAsked && { searchMaxAgeMs: 0 }),
    });
  }

  private report(result: GitHubFetchResult): void {
    for (const error of result.errors) {
      this.options.log.warnOnce(`github:${error.kind}:${error.details.scope ?? ''}`, vscode.l10n.t('GitHub: {0} ({1})', error.message, error.details.scope ?? error.kind));
    }
    if (result.missingRepoScope) {
      this.options.log.warnOnce('github:repoScope', vscode.l10n.t('GitHub: the sign-in lacks the "repo" scope, so private repositories are left out.'));
    }
  }

  /** No account in use: nothing of the last one stays on screen. */
  private leave(kind: 'disabled' | 'untrusted' | 'signedOut'): void {
    this.account = undefined;
    this.shownAsOf = undefined;
    this.publish({ kind }, []);
  }

  private publish(state: GitHubState, candidates: TaskCandidate[]): void {
    this.currentState = state;
    this.shown = candidates;
    this.changed.fire();
  }
}

/** `owner/name` (lower case) → the first workspace root with a remote for it. */
function clonesOf(roots: readonly string[], remotes: readonly string[], webUrl: string): Map<string, Clone> {
  const clones = new Map<string, Clone>();
  roots.forEach((root, i) => {
    for (const line of remotes[i]!.split(/\r?\n/)) {
      const [repo] = parseGitHubRemotes(line, webUrl);
      const key = repo && `${repo.owner}/${repo.name}`.toLowerCase();
      if (key && !clones.has(key)) clones.set(key, { root, remote: line.split(/\s/)[0]! });
    }
  });
  return clones;
}
