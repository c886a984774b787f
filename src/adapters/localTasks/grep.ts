/**
 * `git grep` over tracked files, streamed through the gateway and bounded. Node only.
 *
 * Why git grep (not ripgrep): it searches only tracked files, so .gitignore'd output (build folders, caches) is
 * skipped for free, and it needs nothing beyond git, which every VS Code build already relies on.
 * Patterns are POSIX ERE with POSIX classes only (`[[:space:]]`, no `\b`/`\s`): git's regex engine differs across
 * platforms (glibc, macOS, git's compat/regex on Windows). git grep is a coarse prefilter; callers re-check each
 * line with a precise JavaScript regex.
 */
import { GitAbortedError, GitGateway, type GitRunOptions } from '../gitProcess';
import { BUILT_IN_REJECTS } from './repoFilter';

/** Lines longer than this are minified or data, not hand-written comments. */
export const MAX_LINE_CHARS = 1_000;

export interface GrepHit {
  /** Repository-relative, forward slashes. */
  readonly path: string;
  /** 1-based. */
  readonly line: number;
  readonly text: string;
}

export interface GrepOutcome {
  readonly hits: GrepHit[];
  /** True when `accept` reached `maxHits` and git was stopped early. */
  readonly truncated: boolean;
}

/** Thrown from the line callback to stop git once enough hits are in; never escapes `grepTracked`. */
class EnoughHits extends Error {}

/**
 * Which paths a grep leaves out: vendored, minified and generated ones, whose TODOs and skips are not the team's to
 * fix. The repository filter decides (repoFilter.ts earlyFilter for a grep; core/repoFilter.ts).
 */
export interface GrepExclusions {
  /** `:(exclude)` pathspecs, so that git does not read what is left out anyway; none by default. */
  readonly excludePathspecs?: readonly string[];
  /**
   * Hits in these paths are dropped before `accept`, so they never count towards `maxHits`; the filter's built-in
   * path rules by default.
   */
  readonly rejectPath?: (path: string) => boolean;
}

/**
 * Runs `git grep -n -z -I -E` for `patterns` in `include` pathspecs (all tracked files when empty), minus the
 * excluded paths. `accept` re-checks each hit (precise regex); at most `maxHits` accepted hits are kept.
 * Exit code 1 means "no match" and is not an error. Other failures reject with the gateway's typed errors.
 */
export async function grepTracked(
  git: GitGateway,
  repoRoot: string,
  patterns: readonly string[],
  include: readonly string[],
  maxHits: number,
  accept: (hit: GrepHit) => boolean,
  options: Omit<GitRunOptions, 'cwd'> & GrepExclusions & { fixedStrings?: boolean; wholeWords?: boolean } = {},
): Promise<GrepOutcome> {
  const args = [
    // --untracked: a TODO in a file the user has not committed yet is still theirs to see (.gitignore still applies).
    // -F: `patterns` are plain keywords (git matches them all in one pass); `accept` then does the real check.
    'grep', '--untracked', '-n', '-z', '-I', options.fixedStrings ? '-F' : '-E', ...(options.wholeWords ? ['-w'] : []), '--full-name', '--no-color',
    ...patterns.flatMap((p) => ['-e', p]),
    '--', ...(include.length ? include : ['.']), ...(options.excludePathspecs ?? []),
  ];
  const reject = options.rejectPath ?? BUILT_IN_REJECTS;
  const hits: GrepHit[] = [];
  let truncated = false;
  try {
    const result = await git.streamLines(args, { signal: options.signal, timeoutMs: options.timeoutMs, cwd: repoRoot }, (raw) => {
      // `-z`: path NUL line NUL text — file names may contain ':' and are never quoted.
      const first = raw.indexOf('\0');
      const second = first < 0 ? -1 : raw.indexOf('\0', first + 1);
      if (second < 0) return;
      const text = raw.slice(second + 1);
      if (text.length > MAX_LINE_CHARS) return;
      const hit = { path: raw.slice(0, first), line: Number(raw.slice(first + 1, second)), text };
      if (!Number.isInteger(hit.line) || reject(hit.path) || !accept(hit)) return;
      hits.push(hit);
      if (hits.length >= maxHits) {
        truncated = true;
        throw new EnoughHits();
      }
    });
    if (result.exitCode > 1) throw new GrepFailedError(result.exitCode, result.stderr);
  } catch (err) {
    if (!(err instanceof EnoughHits)) throw err;
  }
  return { hits, truncated };
}

/**
 * The JavaScript RegExp that matches what git's POSIX ERE `pattern` matches on one line, for the subset the sources
 * use: ERE and JS agree on groups, alternation, `^`, `?`, `*` and backslash escapes; the two bracket forms that
 * differ are rewritten (`[[:space:]]` is the C locale's six spaces, `[^]]` is "not `]`"). Lets one git grep serve
 * several sources, each re-checking its own prefilter (see sourcesGrep.ts). Throws on any other bracket class, so
 * a new pattern cannot be translated wrongly in silence.
 */
export function ereToRegExp(pattern: string): RegExp {
  const source = pattern.replaceAll('[[:space:]]', '[\\t\\n\\v\\f\\r ]').replaceAll('[^]]', '[^\\]]');
  if (/\[\[:|\[\^\]|\[\]/.test(source)) throw new Error(`ereToRegExp: unsupported bracket expression in ${pattern}`);
  return new RegExp(source);
}

/** git grep itself failed (not "no match"); e.g. a bad pathspec or an unreadable index. */
export class GrepFailedError extends Error {
  constructor(readonly exitCode: number, readonly stderr: string) {
    super(`git grep failed (exit ${exitCode}): ${stderr.trim().split('\n')[0] ?? ''}`);
  }
}

/** A message for the problems list from any error a source hit; aborts read as cancellations. */
export function describeProblem(what: string, err: unknown): string {
  if (GitAbortedError.is(err)) return `${what}: ${err.message}`;
  return `${what}: ${err instanceof Error ? err.message : String(err)}`;
}
