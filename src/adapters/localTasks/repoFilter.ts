/**
 * Gathers the repository filter's inputs with git and asks core/repoFilter.ts for each path's decision. Node only.
 *
 * Cost (the filter runs on every sidebar refresh):
 * - paths first: the built-in rules, the file list (outputs next to their grammar), submodules and the user's globs
 *   are decided in memory; `.gitmodules` costs one `git config` when the repository has one;
 * - attributes: ONE `git check-attr --stdin -z` over the paths still in, and only when an attributes file of the
 *   repository (a tracked `.gitattributes`, at any depth, or `$GIT_DIR/info/attributes`) mentions
 *   linguist-vendored or linguist-generated; git then applies its exact rules (nesting, macros, unsets). A Linguist
 *   attribute set only in the user's global attributes file is not seen;
 * - heads: the first HEAD_BYTES of the paths that reach a candidate list, read once per session (synchronously, a
 *   chunk per turn of the event loop: see worktreeHeads).
 * A session is one scan: its answers are memoised, so a path asked twice costs nothing.
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import * as path from 'node:path';
import {
  hasGeneratedMarker, HEAD_BYTES, isGeneratedMarkerLine, linguistMentions, linguistValue, MARKER_KEYWORDS, RepoFilter,
  type ExclusionReason, type LinguistAttributes,
} from '../../core/repoFilter';
import { GitCommandError, GitGateway } from '../gitProcess';
import { compileExcludeGlobs } from './excludeGlobs';

type Common = { signal?: AbortSignal; timeoutMs?: number };

/** Reads the first bytes of files: true for those with a generated-file marker (false or absent otherwise). */
export type HeadReader = (paths: readonly string[]) => Promise<Map<string, boolean>>;

/** The built-in path rules alone (no attributes, no file list, no user globs): a grep's default rejection. */
const BUILT_IN = new RepoFilter();
export const BUILT_IN_REJECTS = (p: string): boolean => BUILT_IN.pathExclusion(p) !== undefined;

/**
 * What can be decided before the file list is in, for a `git grep` that starts at once: the user's globs always,
 * and the built-in path rules unless a top-level attributes file unsets a Linguist attribute (then only the full
 * filter, with check-attr, may drop a built-in path). The pathspecs exclude the top-level folders the built-in rules
 * leave out, so git does not read them (redis' `deps/`): plain prefixes, which cost git nothing, unlike `**` globs
 * (measured: 100 glob pathspecs doubled a 30,000-file grep). Deeper vendored folders are read and their hits dropped.
 * An unset in a NESTED .gitattributes cannot bring back a top-level folder these pathspecs skipped.
 */
export interface EarlyFilter {
  readonly pathspecs: readonly string[];
  readonly rejects: (path: string) => boolean;
}

export function earlyFilter(repoRoot: string, infoAttributes: string | undefined, exclude: readonly string[] | undefined): EarlyFilter {
  // Synchronous: two small files and one folder, read before the grep can start; through the thread pool they would
  // queue behind the scan's other file work.
  const texts = [path.join(repoRoot, '.gitattributes'), infoAttributes].map((file) => (file ? readText(file) : ''));
  const entries = (() => {
    try {
      return readdirSync(repoRoot, { withFileTypes: true });
    } catch {
      return [];
    }
  })();
  const filter = new RepoFilter({ excludeSetting: compileExcludeGlobs(exclude) });
  if (texts.some((text) => linguistMentions(text).unsets)) return { pathspecs: [], rejects: (p) => filter.excludedBySetting(p) };
  // A top-level folder is skipped whole when the user's globs match it (they then cover everything in it), or when a
  // built-in folder rule does (asked with a probe file inside it, which no rule on names matches).
  const dirs = entries
    .filter((e) => e.isDirectory() && e.name !== '.git' && (filter.excludedBySetting(e.name) || BUILT_IN.pathExclusion(`${e.name}/x`) !== undefined))
    .map((e) => e.name);
  return { pathspecs: dirs.map((dir) => `:(exclude,literal)${dir}`), rejects: (p) => filter.pathExclusion(p) !== undefined };
}

export interface SessionInputs {
  /** Every path in the tree the candidates come from (tracked files, or a commit's tree). */
  readonly files: readonly string[];
  readonly submodules: readonly string[];
  /** False when no attributes file mentions Linguist: then check-attr is not run. */
  readonly attributesMatter: boolean;
  readonly exclude?: readonly string[];
  readonly readHeads: HeadReader;
}

/**
 * One scan's filter: decisions for the paths it is asked about, memoised. Never rejects: when git fails, the
 * decision falls back to the rules that need no git (the attributes or heads are then taken as saying nothing) and
 * the reason is added to `problems` once.
 */
export class FilterSession {
  private readonly filter: RepoFilter;
  readonly problems: string[] = [];
  private readonly attributes = new Map<string, LinguistAttributes>();
  private readonly heads = new Map<string, boolean>();

  constructor(private readonly git: GitGateway, private readonly repoRoot: string, private readonly inputs: SessionInputs, private readonly common: Common = {}) {
    this.filter = new RepoFilter({ files: inputs.files, submodules: inputs.submodules, excludeSetting: compileExcludeGlobs(inputs.exclude) });
  }

  /** Path rules and attributes: the paths left out, with why. */
  async byPath(paths: Iterable<string>): Promise<Map<string, ExclusionReason>> {
    const unique = [...new Set(paths)];
    await this.prepare(unique);
    const out = new Map<string, ExclusionReason>();
    for (const p of unique) {
      const reason = this.pathExclusion(p);
      if (reason) out.set(p, reason);
    }
    return out;
  }

  /** Reads the attributes of `paths` (one check-attr), so that `pathExclusion` can answer for them at once. */
  async prepare(paths: readonly string[]): Promise<void> {
    if (!this.inputs.attributesMatter) return;
    // Only paths the user's globs do not already exclude: the attributes cannot bring those back.
    const ask = paths.filter((p) => !this.attributes.has(p) && !this.filter.excludedBySetting(p));
    if (ask.length === 0) return;
    const found = await checkAttributes(this.git, this.repoRoot, ask, this.common).catch((err: unknown) => this.failed('attributes', err));
    for (const p of ask) this.attributes.set(p, found?.get(p) ?? {});
  }

  /**
   * The path decision without waiting: exact for a path `prepare` (or `byPath`) has seen, or when the repository's
   * attributes say nothing about Linguist; otherwise only the user's globs, since an attribute may yet unset a
   * built-in rule.
   */
  pathExclusion(path: string): ExclusionReason | undefined {
    const attributes = this.attributes.get(path);
    if (this.inputs.attributesMatter && attributes === undefined) return this.filter.excludedBySetting(path) ? 'excludeSetting' : undefined;
    return this.filter.pathExclusion(path, attributes);
  }

  /** Whether `prepare` is worth calling before `pathExclusion`. */
  get needsAttributes(): boolean {
    return this.inputs.attributesMatter;
  }

  /** The head rule for paths that passed `byPath`: those with a generated-file marker. */
  async byHead(paths: readonly string[]): Promise<Set<string>> {
    const ask = [...new Set(paths)].filter((p) => !this.heads.has(p) && this.attributes.get(p)?.generated !== false);
    if (ask.length > 0) {
      const marked = await this.inputs.readHeads(ask).catch((err: unknown) => this.failed('generated-file markers', err));
      for (const p of ask) this.heads.set(p, marked?.get(p) === true);
    }
    return new Set(paths.filter((p) => this.heads.get(p) === true));
  }

  private failed(what: string, err: unknown): undefined {
    const problem = `Repository filter: could not read ${what}, so vendored or generated files may be listed: ${err instanceof Error ? err.message : String(err)}`;
    if (!this.problems.includes(problem)) this.problems.push(problem);
    return undefined;
  }

  /** `paths` minus every path the filter leaves out (both steps). */
  async keep(paths: readonly string[]): Promise<string[]> {
    const byPath = await this.byPath(paths);
    const rest = paths.filter((p) => !byPath.has(p));
    const generated = await this.byHead(rest);
    return rest.filter((p) => !generated.has(p));
  }
}

/** A session over the work tree: attributes files and heads read from disk, submodules from `.gitmodules`. */
export async function worktreeSession(
  git: GitGateway,
  repoRoot: string,
  files: readonly string[],
  options: Common & { readonly exclude?: readonly string[]; readonly infoAttributes?: string } = {},
): Promise<FilterSession> {
  const attributeFiles = files.filter((f) => f === '.gitattributes' || f.endsWith('/.gitattributes')).map((f) => path.join(repoRoot, f));
  if (options.infoAttributes) attributeFiles.push(options.infoAttributes);
  const texts = attributeFiles.map(readText);
  const submodules = files.includes('.gitmodules') ? await submodulePaths(git, repoRoot, ['--file', '.gitmodules'], options) : [];
  return new FilterSession(git, repoRoot, {
    files, submodules, exclude: options.exclude,
    attributesMatter: texts.some((text) => linguistMentions(text).sets),
    readHeads: (paths) => worktreeHeads(repoRoot, paths),
  }, options);
}

/**
 * A session over the tree of `commit` (for risk as of a past date): its file list, its `.gitmodules`, and heads
 * read from its blobs by one `git grep` per chunk of paths. The attributes come from the work tree (check-attr has no
 * commit option before git 2.40); vendored and generated paths rarely change.
 */
export async function commitSession(
  git: GitGateway,
  repoRoot: string,
  commit: string,
  files: readonly string[],
  options: Common & { readonly exclude?: readonly string[] } = {},
): Promise<FilterSession> {
  const submodules = files.includes('.gitmodules') ? await submodulePaths(git, repoRoot, ['--blob', `${commit}:.gitmodules`], options) : [];
  return new FilterSession(git, repoRoot, {
    files, submodules, exclude: options.exclude, attributesMatter: true,
    readHeads: (paths) => commitHeads(git, repoRoot, commit, paths, options),
  }, options);
}

/** `git check-attr --stdin -z`: `path NUL attribute NUL info NUL` per path and attribute. */
async function checkAttributes(git: GitGateway, repoRoot: string, paths: readonly string[], common: Common): Promise<Map<string, LinguistAttributes>> {
  const args = ['check-attr', '--stdin', '-z', 'linguist-vendored', 'linguist-generated'];
  const result = await git.run(args, { cwd: repoRoot, ...common, input: `${paths.join('\0')}\0`, maxOutputBytes: 256 << 20 });
  if (result.exitCode !== 0) throw new GitCommandError(args, result.exitCode, result.stderr);
  const out = new Map<string, LinguistAttributes>();
  const fields = result.stdout.split('\0');
  for (let i = 0; i + 2 < fields.length; i += 3) {
    const value = linguistValue(fields[i + 2]!);
    if (value === undefined) continue;
    const key = fields[i + 1] === 'linguist-vendored' ? 'vendored' : 'generated';
    out.set(fields[i]!, { ...out.get(fields[i]!), [key]: value });
  }
  return out;
}

/** `submodule.NAME.path` values of a .gitmodules file (`--file`) or blob (`--blob`), as git itself parses them. */
async function submodulePaths(git: GitGateway, repoRoot: string, source: readonly string[], common: Common): Promise<string[]> {
  const args = ['config', ...source, '-z', '--get-regexp', String.raw`^submodule\..*\.path$`];
  const result = await git.run(args, { cwd: repoRoot, ...common });
  // Exit 1: no such key. Anything else (a malformed file) leaves submodules out rather than failing the scan.
  if (result.exitCode !== 0) return [];
  // `-z`: `key LF value NUL`.
  return result.stdout.split('\0').map((entry) => entry.slice(entry.indexOf('\n') + 1)).filter((p) => p !== '');
}

/** Heads read between two turns of the event loop (about a millisecond of blocking). */
const HEADS_PER_TURN = 64;

/**
 * Synchronous reads, a chunk per turn of the event loop: measured on the bench repository, 503 heads took 4-6 ms
 * this way and 50-170 ms through fs/promises, whose three thread-pool round trips a file queue behind the scan's
 * other file work.
 */
async function worktreeHeads(repoRoot: string, paths: readonly string[]): Promise<Map<string, boolean>> {
  const marked = new Map<string, boolean>();
  const buffer = Buffer.alloc(HEAD_BYTES);
  for (let start = 0; start < paths.length; start += HEADS_PER_TURN) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    for (const file of paths.slice(start, start + HEADS_PER_TURN)) {
      const head = readHead(path.join(repoRoot, file), buffer);
      marked.set(file, head !== undefined && hasGeneratedMarker(head));
    }
  }
  return marked;
}

function readHead(file: string, buffer: Buffer): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)).toString('utf8');
  } catch {
    return undefined; // gone, a folder, unreadable: nothing says it is generated
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Paths per `git grep` at a commit: the command line stays well under Windows' 32k characters. */
const MAX_PATHSPEC_CHARS = 24_000;

async function commitHeads(git: GitGateway, repoRoot: string, commit: string, paths: readonly string[], common: Common): Promise<Map<string, boolean>> {
  const marked = new Map<string, boolean>();
  const prefix = `${commit}:`;
  for (let start = 0; start < paths.length;) {
    let end = start;
    for (let chars = 0; end < paths.length && (end === start || chars + paths[end]!.length < MAX_PATHSPEC_CHARS); end++) chars += paths[end]!.length + 1;
    const args = [
      '--literal-pathspecs', '-c', 'core.quotePath=false', 'grep', '-n', '-z', '-I', '-i', '-F', '--no-color',
      ...MARKER_KEYWORDS.flatMap((k) => ['-e', k]), commit, '--', ...paths.slice(start, end),
    ];
    const result = await git.streamLines(args, { cwd: repoRoot, ...common }, (line) => {
      // `<commit>:<path>` NUL line NUL text.
      const first = line.indexOf('\0');
      const second = first < 0 ? -1 : line.indexOf('\0', first + 1);
      if (second < 0 || !line.startsWith(prefix)) return;
      const file = line.slice(prefix.length, first);
      if (!marked.get(file) && isGeneratedMarkerLine(line.slice(second + 1), Number(line.slice(first + 1, second)))) marked.set(file, true);
    });
    if (result.exitCode > 1) throw new GitCommandError(args, result.exitCode, result.stderr);
    start = end;
  }
  return marked;
}

/** A small file's text, '' when it cannot be read (synchronous: see earlyFilter). */
function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
