/**
 * One repository's working copy, for "Pick Up a Bug": is it dirty, stash it, create and check out the
 * branch, is the branch pushed. Node only: no `vscode`.
 *
 * The rule this module keeps: it never loses the user's changes. It never passes `--force`, `reset` or
 * `clean`; a checkout git refuses (local changes in the way) comes back as a `conflict` error with
 * everything left as it was; and `stash` reports what it could not stash instead of pretending.
 *
 * TRUST: writes go through simple-git (the issue asks for it), and simple-git 4 refuses `-c core.fsmonitor=…`
 * and `-c core.hooksPath=…` even to switch them OFF, unless an `unsafe.allow*` option is set, which we never do.
 * So the repository's own hooks (post-checkout) and fsmonitor DO run here, as they do for the user's own git.
 * Call this only in a trusted workspace (facts.md, workspace trust). The file list, a read that can be huge,
 * goes through the gateway in gitProcess.ts, which streams and does switch those off.
 */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { GitConstructError, GitError, GitPluginError, simpleGit } from 'simple-git';
import type { SimpleGit } from 'simple-git';
import { isValidBranchName } from '../core/branchName';
import { unquoteGitPath } from './gitQuotedPath';
import { buildGitEnv, GitAbortedError, GitCommandError, GitDubiousOwnershipError, GitGateway, GitUnavailableError } from './gitProcess';

export type WorkingCopyErrorKind =
  | 'notARepository'
  | 'gitMissing'
  | 'dubiousOwnership'
  /** Local changes or an unfinished merge stand in the way; nothing was changed. */
  | 'conflict'
  /** Another git process holds a lock (`index.lock`); try again shortly. */
  | 'locked'
  /** Stashing needs a first commit. */
  | 'noCommits'
  | 'invalidBranchName'
  | 'timeout'
  | 'other';

export class WorkingCopyError extends Error {
  constructor(
    readonly kind: WorkingCopyErrorKind,
    message: string,
    /** git's own words (stderr), for the log; the message is for people. */
    readonly detail = '',
    /** git's exit code, when git ran and failed. */
    readonly exitCode?: number,
  ) {
    super(message);
  }

  /** instanceof, not the class name: the bundle minifies names. */
  static is(value: unknown, kind?: WorkingCopyErrorKind): value is WorkingCopyError {
    return value instanceof WorkingCopyError && (kind === undefined || value.kind === kind);
  }
}

export interface WorkingCopyState {
  /** Undefined when HEAD is detached. On a repository with no commits, the branch the first commit will make. */
  readonly branch: string | undefined;
  readonly detached: boolean;
  /** Repository-relative paths with tracked changes (staged or not) or untracked (not ignored). */
  readonly dirtyFiles: readonly string[];
  /** HEAD points at a commit; false on a new repository (or an orphan branch). */
  readonly hasCommits: boolean;
}

export interface StashResult {
  readonly stashed: boolean;
  /** The stash commit: `git stash apply <commit>` restores it even after later stashes. */
  readonly commit?: string;
  /** Changes still in the working tree afterwards (submodule edits cannot be stashed). Empty when clean. */
  readonly leftOver: readonly string[];
}

/** none: no upstream (or it is gone); ahead: local commits not pushed; pushed: every local commit is upstream. */
export type UpstreamState = 'none' | 'ahead' | 'pushed';

export interface WorkingCopyOptions {
  /** The git executable. simple-git accepts only plain paths (letters, digits, `/ . \ _ ~ -`); default `git`. */
  readonly gitPath?: string;
  /** Where the kept variables come from (see buildGitEnv); default process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Stop git after this long without output (simple-git's `timeout.block`; for the file list, in total).
   * Generous because stash and checkout print nothing while they work; stopping one loses nothing, since
   * `git stash` stores the stash before it clears the working tree. Default 60 s.
   */
  readonly timeoutMs?: number;
  /** `trackedFiles()` stops here; default 200,000. */
  readonly maxTrackedFiles?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_TRACKED_FILES = 200_000;
/** buildGitEnv sets these; simple-git 4 rejects any GIT_* variable it is handed unless it is named here. */
const ALLOWED_GIT_ENV = ['GIT_TERMINAL_PROMPT', 'GIT_OPTIONAL_LOCKS'];

/** A non-zero exit. simple-git treats exit 1 with empty stderr as success, which hides "not found" answers. */
class GitExit extends GitError {
  constructor(readonly exitCode: number, readonly stderr: string) {
    super(undefined, stderr.trim() || `git exited with ${exitCode}`);
  }
}

export class WorkingCopy {
  private git: SimpleGit | undefined;
  private readonly gateway: GitGateway;
  private readonly timeoutMs: number;
  private readonly maxTrackedFiles: number;

  constructor(readonly root: string, private readonly options: WorkingCopyOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxTrackedFiles = options.maxTrackedFiles ?? DEFAULT_MAX_TRACKED_FILES;
    this.gateway = new GitGateway({ gitPath: options.gitPath ?? 'git', timeoutMs: this.timeoutMs, ...(options.env && { env: options.env }) });
  }

  async state(): Promise<WorkingCopyState> {
    const status = await this.call((git) => git.status());
    const hasCommits = (await this.revParse('HEAD^{commit}')) !== undefined;
    return {
      branch: status.detached || !status.current ? undefined : status.current,
      detached: status.detached,
      dirtyFiles: status.files.map((f) => f.path),
      hasCommits,
    };
  }

  /** Stashes tracked and untracked changes. Ignored files stay (they are not the user's work in progress). */
  async stash(message: string): Promise<StashResult> {
    const before = await this.state();
    if (before.dirtyFiles.length === 0) return { stashed: false, leftOver: [] };
    if (!before.hasCommits) throw new WorkingCopyError('noCommits', 'Changes cannot be stashed before the first commit. Commit or move them first.');
    const previousTop = await this.revParse('refs/stash');
    // One argument: simple-git would read a message that looks like an option (`--upload-pack…`) as one.
    const oneLine = message.replace(/[\x00-\x1f\x7f]+/g, ' ').trim().slice(0, 200) || 'Hands-On';
    await this.write(['stash', 'push', '--include-untracked', `--message=${oneLine}`]);
    // Compare the stash ref, not git's message: "No local changes to save" also exits 0.
    const top = await this.revParse('refs/stash');
    const stashed = top !== undefined && top !== previousTop;
    const leftOver = (await this.state()).dirtyFiles;
    return { stashed, ...(stashed && { commit: top }), leftOver };
  }

  /**
   * Creates `name` at `from` (default HEAD, keeping local changes) and checks it out; an existing branch is
   * checked out instead (`from` is then ignored). Throws `conflict` when local changes would be overwritten.
   */
  async createAndCheckoutBranch(name: string, options: { from?: string } = {}): Promise<{ created: boolean; branch: string }> {
    assertBranchName(name);
    if (options.from?.startsWith('-')) throw new WorkingCopyError('invalidBranchName', `"${options.from}" is not a commit or branch name.`);
    const exists = (await this.revParse(`refs/heads/${name}`)) !== undefined;
    // The trailing `--` makes git read the names as branches, never as files to check out.
    // --no-track: branched from `origin/main`, git would make that the upstream, and the new branch would read as
    // "pushed" (nothing ahead of origin/main) before it was ever pushed.
    await this.write(exists ? ['checkout', name, '--'] : ['checkout', '--no-track', '-b', name, ...(options.from ? [options.from] : []), '--']);
    return { created: !exists, branch: name };
  }

  /** Whether `revision` names a commit here, e.g. `refs/remotes/origin/main` after a fetch. No network. */
  async hasRevision(revision: string): Promise<boolean> {
    if (revision.startsWith('-')) return false;
    return (await this.revParse(revision)) !== undefined;
  }

  /** From local refs only (as of the last fetch or push): no network. */
  async upstreamState(branch: string): Promise<UpstreamState> {
    assertBranchName(branch);
    const ref = `refs/heads/${branch}`;
    // for-each-ref matches whole leading components, so `refs/heads/fix` also lists `fix/…`: pick the exact one.
    const lines = await this.call((git) => git.raw(['for-each-ref', '--format=%(refname)%00%(upstream)', ref]));
    const upstream = lines.split('\n').map((l) => l.split('\0')).find(([name]) => name === ref)?.[1];
    if (!upstream || (await this.revParse(upstream)) === undefined) return 'none';
    const ahead = await this.call((git) => git.raw(['rev-list', '--count', `${upstream}..${ref}`]));
    return Number(ahead.trim()) === 0 ? 'pushed' : 'ahead';
  }

  /** Repository-relative paths of tracked files, at most `maxTrackedFiles` (streamed: a huge repo stays cheap). */
  async trackedFiles(): Promise<string[]> {
    const files: string[] = [];
    const enough = new Error('enough');
    try {
      const result = await this.gateway.streamLines(['-c', 'core.quotePath=false', 'ls-files'], { cwd: this.root }, (line) => {
        if (!line) return;
        if (files.length >= this.maxTrackedFiles) throw enough;
        files.push(unquoteGitPath(line));
      });
      if (result.exitCode !== 0) throw new GitExit(result.exitCode, result.stderr);
    } catch (error) {
      if (error !== enough) throw toWorkingCopyError(error, this.root);
    }
    return files;
  }

  /** The commit a revision names, or undefined when it names none (git's exit 1 for `--verify -q`). */
  private async revParse(revision: string): Promise<string | undefined> {
    try {
      return (await this.call((git) => git.raw(['rev-parse', '--verify', '--quiet', revision]))).trim() || undefined;
    } catch (error) {
      if (WorkingCopyError.is(error) && error.exitCode === 1) return undefined;
      throw error;
    }
  }

  private async call<T>(run: (git: SimpleGit) => Promise<T>): Promise<T> {
    try {
      return await run(this.simpleGit());
    } catch (error) {
      throw toWorkingCopyError(error, this.root);
    }
  }

  /** A command that changes the repository; also tells a held index lock apart from other failures. */
  private async write(args: string[]): Promise<void> {
    try {
      await this.call((git) => git.raw(args));
    } catch (error) {
      // `git stash` blocked by another process's index.lock exits 1 and prints nothing at all.
      if (WorkingCopyError.is(error, 'other') && (await this.indexLocked())) {
        throw new WorkingCopyError('locked', LOCKED_MESSAGE, error.detail, error.exitCode);
      }
      throw error;
    }
  }

  private async indexLocked(): Promise<boolean> {
    try {
      const lock = (await this.simpleGit().raw(['rev-parse', '--git-path', 'index.lock'])).trim();
      return lock !== '' && (await stat(path.resolve(this.root, lock)).then(() => true, () => false));
    } catch {
      return false;
    }
  }

  /** Made on first use, so a missing folder or a refused git path surfaces as a WorkingCopyError from a call. */
  private simpleGit(): SimpleGit {
    this.git ??= simpleGit({
      baseDir: this.root,
      binary: this.options.gitPath ?? 'git',
      timeout: { block: this.timeoutMs },
      allowEnvironment: ALLOWED_GIT_ENV,
      // A user's `color.ui=always` would put escape codes into the output we parse. (fsmonitor and hooksPath
      // would belong here too, but simple-git refuses them: see the file comment.)
      config: ['color.ui=false'],
      // Runs after simple-git's own handler, which has already made an Error of any exit with stderr (its
      // text only). Replace that with the exit code and stderr; keep plugin errors (timeout) and spawn failures
      // (a negative code, e.g. ENOENT) as they are.
      errors: (error, result) => {
        if (error instanceof GitPluginError || result.exitCode === 0 || !(result.exitCode > 0)) return error;
        return new GitExit(result.exitCode, Buffer.concat(result.stdErr).toString('utf8'));
      },
    }).env(buildGitEnv(this.options.env ?? process.env));
    return this.git;
  }
}

function assertBranchName(name: string): void {
  if (!isValidBranchName(name)) throw new WorkingCopyError('invalidBranchName', `"${name}" is not a valid branch name.`);
}

/**
 * git reports failures only in words (the exit code is 128 or 1 for nearly everything). buildGitEnv sets
 * LANG=C/LC_ALL=C, so these English phrases are stable.
 */
function toWorkingCopyError(error: unknown, root: string): WorkingCopyError {
  if (error instanceof WorkingCopyError) return error;
  if (error instanceof GitUnavailableError) return new WorkingCopyError('gitMissing', error.message);
  if (error instanceof GitDubiousOwnershipError) return new WorkingCopyError('dubiousOwnership', error.message, error.stderr);
  if (error instanceof GitAbortedError) return new WorkingCopyError('timeout', error.message);
  if (error instanceof GitCommandError) {
    if (error.reason === 'missingCwd') return new WorkingCopyError('notARepository', `The folder ${root} does not exist.`);
    return fromStderr(error.exitCode, error.stderr, root);
  }
  if (error instanceof GitConstructError) return new WorkingCopyError('notARepository', `The folder ${root} does not exist.`);
  if (error instanceof GitPluginError && error.plugin === 'timeout') {
    return new WorkingCopyError('timeout', 'git stopped answering and was stopped.');
  }
  if (error instanceof GitPluginError && error.plugin === 'binary') {
    return new WorkingCopyError('gitMissing', 'The configured git path has characters simple-git refuses (spaces, brackets, non-ASCII). Put git on PATH instead.', error.message);
  }
  if (error instanceof GitExit) return fromStderr(error.exitCode, error.stderr, root);
  // A spawn failure reaches simple-git's error handler as the Node error's text.
  if (error instanceof GitError && /\bENOENT\b/.test(error.message)) {
    return new WorkingCopyError('gitMissing', 'Git was not found. Install git or add it to PATH, then reload the window.', error.message);
  }
  const text = error instanceof Error ? error.message : String(error);
  return new WorkingCopyError('other', `git failed: ${firstLine(text)}`, text);
}

const LOCKED_MESSAGE = 'Another git process is working in this repository. Try again in a moment.';

function fromStderr(exitCode: number, stderr: string, root: string): WorkingCopyError {
  const make = (kind: WorkingCopyErrorKind, message: string) => new WorkingCopyError(kind, message, stderr, exitCode);
  if (/not a git repository/i.test(stderr)) return make('notARepository', `${root} is not a git repository.`);
  if (/detected dubious ownership/.test(stderr)) return make('dubiousOwnership', `Git refuses ${root} because another user owns it.`);
  if (/\.lock'?: File exists|Unable to create '[^']*\.lock'|cannot lock ref/i.test(stderr)) {
    return make('locked', LOCKED_MESSAGE);
  }
  if (/would be overwritten|needs merge|resolve your current index first|you have unmerged paths|conflict/i.test(stderr)) {
    return make('conflict', `Git left everything as it was: ${firstLine(stderr)}`);
  }
  return make('other', `git failed: ${firstLine(stderr) || `exit ${exitCode}`}`);
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.replace(/^(fatal|error): /, '') ?? '';
}
