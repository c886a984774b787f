/**
 * The one gateway through which Hands-On runs git. Node only: no `vscode`.
 *
 * TRUST: a repository's own `.git/config` can make git run programs (core.fsmonitor, hooks, filters, textconv,
 * gpg). The flags below neutralise the ones our read-only commands could reach, but that is defence in depth only:
 * this module does not know about workspace trust, so the VS Code layer must call it ONLY in trusted workspaces.
 *
 * Why not simple-git for everything: it buffers all output (350 MB for a 100k-commit log), so `streamLines` spawns
 * git directly. Keeping both paths here means one place decides the environment, the safety flags and the errors.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { stat } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';

/** Environment variables passed to git; everything else (EDITOR, PAGER, GIT_*, proxies…) is dropped. */
const KEPT_ENV = ['PATH', 'HOME', 'XDG_CONFIG_HOME', 'USERPROFILE', 'HOMEDRIVE', 'HOMEPATH', 'SystemRoot', 'APPDATA', 'TMPDIR', 'TEMP', 'TMP'];

/**
 * Prepended to every command. They override the repository's config for this one call:
 * no fsmonitor hook (`status` would run it), no hooks, no gpg for signed commits in `log`, no pager.
 * We deliberately do NOT set `safe.directory`: git's "dubious ownership" refusal protects the user.
 */
const SAFETY_ARGS = [
  '--no-pager',
  '-c', 'core.fsmonitor=false',
  '-c', `core.hooksPath=${process.platform === 'win32' ? 'NUL' : '/dev/null'}`,
  '-c', 'log.showSignature=false',
  '-c', 'core.pager=cat',
];

const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_MAX_OUTPUT_BYTES = 1 << 20;
const STDERR_KEEP_BYTES = 8 << 10;
/** After git was not found, fail fast for this long instead of spawning again (no spawn storm). */
const MISSING_RETRY_MS = 60_000;

/** Builds the minimal environment for git: kept variables only, English messages, never a prompt. */
export function buildGitEnv(source: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Record<string, string> {
  const env: Record<string, string> = {};
  // On Windows variable names are case-insensitive (`Path`), so look them up that way there.
  const lookup = platform === 'win32'
    ? (name: string) => Object.entries(source).find(([k]) => k.toUpperCase() === name.toUpperCase())?.[1]
    : (name: string) => source[name];
  for (const name of KEPT_ENV) {
    const value = lookup(name);
    if (value !== undefined) env[name] = value;
  }
  env.LANG = 'C';
  env.LC_ALL = 'C';
  env.GIT_TERMINAL_PROMPT = '0';
  // Read-only commands should never take locks that could block the user's own git in the same repo.
  env.GIT_OPTIONAL_LOCKS = '0';
  return env;
}

export interface GitRunOptions {
  /** Working directory; must exist. */
  readonly cwd: string;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Written to git's stdin, which is then closed (for `--stdin` commands); without it stdin is closed at once. */
  readonly input?: string;
}

export interface GitResult {
  readonly exitCode: number;
  readonly stdout: string;
  /** At most the first 8 KiB. */
  readonly stderr: string;
}

export interface GitGatewayOptions {
  /** The git executable; `git` from PATH by default. */
  readonly gitPath?: string;
  readonly timeoutMs?: number;
  /** Where the kept variables come from; `process.env` by default. */
  readonly env?: NodeJS.ProcessEnv;
}

export class GitGateway {
  private readonly gitPath: string;
  private readonly timeoutMs: number;
  private readonly env: Record<string, string>;
  private missingAt: number | undefined;

  constructor(options: GitGatewayOptions = {}) {
    this.gitPath = options.gitPath ?? 'git';
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.env = buildGitEnv(options.env ?? process.env);
  }

  /**
   * Runs git and buffers its output (for small outputs only; longer than `maxOutputBytes` kills git).
   * Resolves for ANY exit code: callers decide what a code means (`config --get` exits 1 when unset).
   * Rejects with GitUnavailableError, GitAbortedError, GitDubiousOwnershipError or GitCommandError (output too big,
   * missing cwd).
   */
  async run(args: readonly string[], options: GitRunOptions & { maxOutputBytes?: number }): Promise<GitResult> {
    const max = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    const chunks: Buffer[] = [];
    let size = 0;
    const result = await this.spawnGit(args, options, (child, fail) => {
      child.stdout.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > max) fail(new GitCommandError(args, -1, `output exceeded ${max} bytes`, 'outputTooLarge'));
        else chunks.push(chunk);
      });
    });
    return { ...result, stdout: Buffer.concat(chunks).toString('utf8') };
  }

  /**
   * Runs git and calls `onLine` for each stdout line as it arrives, so memory stays flat on huge repos.
   * Same resolve/reject contract as `run`; the resolved `stdout` is always empty.
   */
  async streamLines(args: readonly string[], options: GitRunOptions, onLine: (line: string) => void): Promise<GitResult> {
    let carry = '';
    let failed = false;
    const result = await this.spawnGit(args, options, (child, fail) => {
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (text: string) => {
        if (failed) return;
        const lines = (carry + text).split('\n');
        carry = lines.pop() ?? '';
        try {
          for (const line of lines) onLine(line);
        } catch (err) {
          failed = true;
          fail(err instanceof Error ? err : new Error(String(err)));
        }
      });
    });
    if (carry) onLine(carry);
    return result;
  }

  private async spawnGit(
    args: readonly string[],
    options: GitRunOptions,
    attach: (child: ReturnType<typeof spawnPiped>, fail: (err: Error) => void) => void,
  ): Promise<Omit<GitResult, 'stdout'> & { stdout: '' }> {
    if (this.missingAt !== undefined && Date.now() - this.missingAt < MISSING_RETRY_MS) {
      throw new GitUnavailableError(this.gitPath);
    }
    if (options.signal?.aborted) throw new GitAbortedError(args, 'aborted', options.timeoutMs ?? this.timeoutMs);
    // A missing cwd makes spawn fail with ENOENT too; check first so it is not mistaken for "git is missing".
    const dir = await stat(options.cwd).catch(() => undefined);
    if (!dir?.isDirectory()) throw new GitCommandError(args, -1, `not a directory: ${options.cwd}`, 'missingCwd');

    return new Promise((resolve, reject) => {
      const child = spawnPiped(this.gitPath, [...SAFETY_ARGS, ...args], options.cwd, this.env, options.input !== undefined);
      let stderr = '';
      let settled = false;
      const finish = (err: Error | undefined, exitCode = -1) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        if (err) {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          reject(err);
        } else if (exitCode !== 0 && isDubiousOwnership(stderr)) {
          reject(new GitDubiousOwnershipError(options.cwd, stderr));
        } else {
          resolve({ exitCode, stdout: '', stderr });
        }
      };
      const timeoutMs = options.timeoutMs ?? this.timeoutMs;
      const timer = setTimeout(() => finish(new GitAbortedError(args, 'timeout', timeoutMs)), timeoutMs);
      const onAbort = () => finish(new GitAbortedError(args, 'aborted', timeoutMs));
      options.signal?.addEventListener('abort', onAbort, { once: true });

      child.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') {
          this.missingAt = Date.now();
          finish(new GitUnavailableError(this.gitPath));
        } else {
          finish(err);
        }
      });
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (text: string) => {
        if (stderr.length < STDERR_KEEP_BYTES) stderr += text.slice(0, STDERR_KEEP_BYTES - stderr.length);
      });
      attach(child, (err) => finish(err));
      if (options.input !== undefined && child.stdin) {
        // git may exit before reading everything (a fatal error): its exit code tells, not EPIPE.
        child.stdin.on('error', () => undefined);
        child.stdin.end(options.input);
      }
      // 'close' (not 'exit') fires after stdout is drained, so every line has been delivered.
      child.on('close', (code, signal) => finish(undefined, code ?? (signal ? 128 : -1)));
      child.on('spawn', () => {
        this.missingAt = undefined;
      });
    });
  }
}

function spawnPiped(command: string, args: string[], cwd: string, env: Record<string, string>, withInput: boolean): ChildProcessByStdio<Writable | null, Readable, Readable> {
  return spawn(command, args, { cwd, env, stdio: [withInput ? 'pipe' : 'ignore', 'pipe', 'pipe'], windowsHide: true, shell: false }) as ChildProcessByStdio<Writable | null, Readable, Readable>;
}

/**
 * git signals dubious ownership only through its message (exit code 128 is shared with every fatal error).
 * LANG=C/LC_ALL=C in our environment keeps that message in English, so this match is stable.
 */
function isDubiousOwnership(stderr: string): boolean {
  return stderr.includes('detected dubious ownership');
}

/** The git executable could not be started (not installed or not on PATH). */
export class GitUnavailableError extends Error {
  readonly kind = 'GitUnavailableError';
  constructor(readonly gitPath: string) {
    super(`Git was not found (tried "${gitPath}"). Install git or add it to PATH, then reload the window.`);
  }
  static is(err: unknown): err is GitUnavailableError {
    return err instanceof GitUnavailableError;
  }
}

/** git refused the repository because another user owns it (CVE-2022-24765 protection). */
export class GitDubiousOwnershipError extends Error {
  readonly kind = 'GitDubiousOwnershipError';
  constructor(readonly folder: string, readonly stderr: string) {
    super(
      `Git refuses to read "${folder}" because it is owned by another user. ` +
        `If you trust it, run: git config --global --add safe.directory "${folder}"`,
    );
  }
  static is(err: unknown): err is GitDubiousOwnershipError {
    return err instanceof GitDubiousOwnershipError;
  }
}

/** git ran too long (timeout) or the caller aborted; the process has been killed. */
export class GitAbortedError extends Error {
  readonly kind = 'GitAbortedError';
  constructor(readonly args: readonly string[], readonly reason: 'timeout' | 'aborted', readonly timeoutMs: number) {
    super(reason === 'timeout' ? `git ${args[0] ?? ''} took longer than ${timeoutMs} ms and was stopped` : `git ${args[0] ?? ''} was cancelled`);
  }
  static is(err: unknown): err is GitAbortedError {
    return err instanceof GitAbortedError;
  }
}

/** git could not run as asked or exited with a code the caller did not expect. */
export class GitCommandError extends Error {
  readonly kind = 'GitCommandError';
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number,
    readonly stderr: string,
    /** `exit`: git ran and failed; `missingCwd`: the folder does not exist; `outputTooLarge`: killed at the cap. */
    readonly reason: 'exit' | 'missingCwd' | 'outputTooLarge' = 'exit',
  ) {
    super(`git ${args[0] ?? ''} failed (${reason}, exit ${exitCode}): ${stderr.trim().split('\n')[0] ?? ''}`);
  }
  static is(err: unknown): err is GitCommandError {
    return err instanceof GitCommandError;
  }
}
