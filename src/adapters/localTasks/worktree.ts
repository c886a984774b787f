/**
 * Where the repository is, what HEAD is, and a fingerprint of the work tree's uncommitted state, so a refresh can
 * tell "nothing changed since last time" without re-running the greps and the line dating. Node only.
 *
 * HEAD alone is not enough: TODOs and skipped tests are grepped from the WORKING TREE (uncommitted and untracked
 * files included). `git status` names every path that differs from HEAD (untracked ones too, .gitignore applied,
 * exactly the files `git grep --untracked` reads); each such path's size and mtime then catch a second edit to a
 * file that was already modified. Files that match HEAD cannot change without appearing in status.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { GitCommandError, GitGateway } from '../gitProcess';

type Common = { signal?: AbortSignal; timeoutMs?: number };

export type Located =
  | { readonly kind: 'ok'; readonly repoRoot: string; readonly head: string; readonly shallow: boolean; readonly indexFile: string; readonly infoAttributes: string }
  | { readonly kind: 'notWorkTree' }
  | { readonly kind: 'noCommits'; readonly repoRoot: string };

/**
 * One spawn for the work tree's top level, its index file (a linked worktree has its own), the repository's own
 * attributes file (`$GIT_DIR/info/attributes`, for the repository filter), whether the clone is
 * shallow and HEAD's sha: on a refresh with nothing new this is the only git call, and each spawn costs 15-20 ms on
 * a slow machine. rev-parse prints the answers in order and exits 1 after them when HEAD has no commit yet.
 */
export async function locate(git: GitGateway, folder: string, options: Common = {}): Promise<Located> {
  const result = await git.run(['rev-parse', '--show-toplevel', '--git-path', 'index', '--git-path', 'info/attributes', '--is-shallow-repository', '-q', '--verify', 'HEAD^{commit}'], { cwd: folder, ...options });
  const [top, index, attributes, shallow, head] = result.stdout.split('\n').map((line) => line.trim());
  // Not a repository, or a bare one (no top level): git exits 128 before printing anything useful.
  if (!top || index === undefined || attributes === undefined || (result.exitCode !== 0 && result.exitCode !== 1)) return { kind: 'notWorkTree' };
  const repoRoot = path.resolve(top);
  if (result.exitCode !== 0 || !head) return { kind: 'noCommits', repoRoot };
  // --git-path answers relative to the folder git ran in.
  return { kind: 'ok', repoRoot, head, shallow: shallow === 'true', indexFile: path.resolve(folder, index), infoAttributes: path.resolve(folder, attributes) };
}

/**
 * Committer times (epoch ms, newest first) of the newest `count` commits on `commit`'s history, merges left out:
 * where the history window of a quiet or idle repository ends and how far back it must reach. Empty when git cannot
 * say.
 */
export async function recentCommitTimes(git: GitGateway, repoRoot: string, commit: string, count: number, options: Common = {}): Promise<number[]> {
  const result = await git.run(['log', '--no-merges', `--max-count=${count}`, '--format=%ct', commit, '--'], { cwd: repoRoot, ...options });
  if (result.exitCode !== 0) return [];
  return result.stdout.split('\n').map((line) => Number(line) * 1000).filter((ms) => ms > 0);
}

/** Size and mtime of the index: staging (`git add`, `git rm --cached`) changes it without touching the work tree. */
export async function indexStamp(indexFile: string): Promise<string> {
  const s = await stat(indexFile).catch(() => undefined);
  return s ? `${s.size}:${s.mtimeMs}` : 'none';
}

export interface WorktreeStatus {
  /** HEAD as status saw it; compare with the HEAD the rest of the scan used before trusting `fingerprint`. */
  readonly head: string | undefined;
  readonly fingerprint: string;
  /** Untracked paths (repository-relative): every line in them was written just now. */
  readonly untracked: ReadonlySet<string>;
  /** Tracked paths that differ from HEAD in the index or the work tree. */
  readonly changed: ReadonlySet<string>;
}

/**
 * `git status --porcelain=v2 -z`: paths are repository-relative whatever the cwd and never quoted. `--branch` adds
 * HEAD's oid (so a commit made while the scan ran cannot pair a new HEAD with an old fingerprint) and
 * `--no-ahead-behind` keeps it from counting commits against the upstream, which can walk far.
 */
export async function worktreeStatus(git: GitGateway, repoRoot: string, options: Common = {}): Promise<WorktreeStatus> {
  const args = ['status', '--porcelain=v2', '--branch', '--no-ahead-behind', '-z', '--untracked-files=all', '--no-renames'];
  // Status output is one entry per changed path; a clean tree prints only the headers, and a busy one stays small.
  const result = await git.run(args, { cwd: repoRoot, ...options, maxOutputBytes: 16 << 20 });
  if (result.exitCode !== 0) throw new GitCommandError(args, result.exitCode, result.stderr);
  const hash = createHash('sha256');
  const untracked = new Set<string>();
  const changed = new Set<string>();
  let head: string | undefined;
  for (const entry of result.stdout.split('\0')) {
    if (entry.startsWith('# branch.oid ')) head = entry.slice(13);
    if (!entry || entry.startsWith('#')) continue;
    // Only the entries: the headers (branch name, upstream) do not change what the sources find.
    hash.update(entry).update('\0');
    const file = entryPath(entry);
    if (file === undefined) continue;
    if (entry.startsWith('? ')) untracked.add(file);
    else changed.add(file);
  }
  const paths = [...untracked, ...changed];
  const stats = await Promise.all(paths.map((p) => stat(path.join(repoRoot, p)).catch(() => undefined)));
  stats.forEach((s, i) => hash.update(`\0${paths[i]}\0${s ? `${s.size}:${s.mtimeMs}` : 'gone'}`));
  return { head: head && /^[0-9a-f]{40,64}$/.test(head) ? head : undefined, fingerprint: hash.digest('hex'), untracked, changed };
}

/** Fields before the path: `1` ordinary (8), `u` unmerged (10), `?`/`!` (1). Renames (`2`) are off (--no-renames). */
const FIELDS_BEFORE_PATH: Record<string, number> = { '1': 8, u: 10, '?': 1, '!': 1 };

function entryPath(entry: string): string | undefined {
  const fields = FIELDS_BEFORE_PATH[entry[0]!];
  if (fields === undefined) return undefined;
  let at = 0;
  for (let i = 0; i < fields; i++) {
    at = entry.indexOf(' ', at) + 1;
    if (at === 0) return undefined;
  }
  return entry.slice(at);
}
