/**
 * CommitHistory over the git CLI, through the one gateway in gitProcess.ts. Node only: no `vscode`.
 *
 * TRUST: call only in trusted workspaces (the VS Code layer checks `workspace.isTrusted`); see gitProcess.ts.
 *
 * Errors: every method rejects only with the gateway's typed errors (GitUnavailableError, GitDubiousOwnershipError,
 * GitAbortedError, GitCommandError). "Not a repository" and "no commits yet" are normal answers, not errors.
 */
import * as path from 'node:path';
import type { LocalDay } from '../core/model';
import type { CommitHistory } from '../core/ports';
import { GitCommandError, GitGateway } from './gitProcess';

export interface GitHistoryOptions {
  /** Upper bound on commits walked per call, so a huge repo stays bounded even without `sinceDay`. */
  readonly maxCommits?: number;
  /** Per-command timeout; `git log` on a 100k-commit repo takes a few seconds. */
  readonly timeoutMs?: number;
}

export interface AuthoredDaysOptions {
  /** Cancels the walk (kills git) — e.g. when the window closes or a newer refresh starts. */
  readonly signal?: AbortSignal;
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** `--since` filters on the committer date in git's own zone; start this many days early, then filter exactly. */
const SINCE_SLACK_DAYS = 2;

export class GitHistory implements CommitHistory {
  private readonly maxCommits: number;
  private readonly timeoutMs: number | undefined;

  constructor(private readonly git: GitGateway = new GitGateway(), options: GitHistoryOptions = {}) {
    this.maxCommits = options.maxCommits ?? 100_000;
    this.timeoutMs = options.timeoutMs;
  }

  async repoRoot(folder: string): Promise<string | undefined> {
    let result;
    try {
      result = await this.git.run(['rev-parse', '--show-toplevel'], { cwd: folder, timeoutMs: this.timeoutMs });
    } catch (err) {
      // A folder that does not exist (or is a file) simply is not in a repository.
      if (GitCommandError.is(err) && err.reason === 'missingCwd') return undefined;
      throw err;
    }
    // Non-zero: not a repository, or inside `.git` / a bare repo where there is no work tree. All mean "no root".
    const root = result.stdout.trim();
    return result.exitCode === 0 && root ? path.resolve(root) : undefined;
  }

  async userEmail(repoRoot: string): Promise<string | undefined> {
    // Exit 1 means "not set"; the repo's config wins over the global one, as for a commit.
    const result = await this.git.run(['config', '--get', 'user.email'], { cwd: repoRoot, timeoutMs: this.timeoutMs });
    const email = result.stdout.trim();
    return result.exitCode === 0 && email ? email : undefined;
  }

  /**
   * Walks HEAD plus all local branches (HEAD covers a detached HEAD; local branches cover feature work that is not
   * checked out). Remote-tracking branches are left out: they multiply the walk on big repos, and work pushed from
   * another machine shows up once it is pulled. Merge commits are skipped: a `git pull` merge is not hands-on work.
   * Each commit's day is taken in the commit's OWN offset (`--date=format:`, unlike `format-local:`), so a commit at
   * 23:30 -08:00 counts on the author's day even though it is the next day in UTC.
   * Output is streamed line by line; memory stays flat on huge repos.
   */
  async authoredDays(
    repoRoot: string,
    emails: readonly string[],
    sinceDay?: LocalDay,
    options: AuthoredDaysOptions = {},
  ): Promise<LocalDay[]> {
    const wanted = new Set(emails.map((e) => e.trim().toLowerCase()).filter((e) => e));
    if (wanted.size === 0) return [];
    if (sinceDay !== undefined && !DAY_PATTERN.test(sinceDay)) throw new RangeError(`sinceDay must be YYYY-MM-DD, got "${sinceDay}"`);
    const runOptions = { cwd: repoRoot, timeoutMs: this.timeoutMs, signal: options.signal };

    // A repository without commits has no HEAD, and `git log HEAD` would fail; that is simply "no days".
    const head = await this.git.run(['rev-parse', '-q', '--verify', 'HEAD^{commit}'], runOptions);
    if (head.exitCode !== 0) return [];

    const args = [
      'log',
      '--no-merges',
      `--max-count=${this.maxCommits}`,
      // %ae is the recorded email, %aE the same after .mailmap; either may be the one the user configured.
      '--format=%ae%x09%aE%x09%ad',
      '--date=format:%Y-%m-%d',
      ...(sinceDay ? [`--since=${shiftDay(sinceDay, -SINCE_SLACK_DAYS)} 00:00:00 +0000`] : []),
      'HEAD',
      '--branches',
      '--',
    ];
    const days = new Set<LocalDay>();
    const result = await this.git.streamLines(args, runOptions, (line) => {
      const [email, mappedEmail, day] = line.split('\t');
      if (day === undefined || !DAY_PATTERN.test(day)) return;
      if (sinceDay !== undefined && day < sinceDay) return;
      if (wanted.has(email!.toLowerCase()) || wanted.has(mappedEmail!.toLowerCase())) days.add(day);
    });
    if (result.exitCode !== 0) throw new GitCommandError(args, result.exitCode, result.stderr);
    return [...days].sort();
  }
}

/** Calendar arithmetic on a `YYYY-MM-DD` string, independent of any time zone. */
function shiftDay(day: LocalDay, deltaDays: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + deltaDays)).toISOString().slice(0, 10);
}
