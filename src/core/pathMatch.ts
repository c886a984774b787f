/**
 * Matching file paths written in a coverage report to the repository's tracked files.
 *
 * Reports are written by many tools on many machines: a path may be absolute on this machine,
 * relative (to the report's folder, to the repository root, to a Cobertura `<source>` root, or
 * a JaCoCo `package/SourceFile.java`), or absolute on another machine (a CI runner, Windows).
 * We try exact resolutions first, then fall back to the longest common path suffix against the
 * tracked files. When two tracked files share the best suffix we give up rather than guess:
 * wrong coverage on a file is worse than none.
 *
 * Pure string logic (no node:path, so it behaves the same for Windows paths on Linux and vice versa).
 * Repository-relative paths use '/' and never start with './'.
 */

export type PathMatch =
  | { readonly kind: 'matched'; readonly file: string; readonly how: 'exact' | 'suffix' }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly string[] }
  | { readonly kind: 'unmatched' };

/** Where a report path may be relative to, besides the repository root. */
export interface PathContext {
  /** Repository-relative folder of the report file ('' for the root). */
  readonly reportDir: string;
  /** Source roots the report names (Cobertura `<sources>`), absolute or relative, as written. */
  readonly sourceRoots?: readonly string[];
}

/** Splits into segments, with '\' as a separator too, and resolves '.' and '..'. */
export function pathSegments(path: string): string[] {
  const out: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out;
}

/** POSIX `/x`, UNC `//host`, Windows `C:\x` or `C:/x`, or a `file:` URL. */
export function isAbsolutePath(path: string): boolean {
  return /^([/\\]|[A-Za-z]:[/\\]|file:)/.test(path);
}

/** Segments of an absolute path without its drive letter or `file://` prefix. */
function absoluteSegments(path: string): string[] {
  let p = path;
  if (p.startsWith('file:')) {
    p = p.replace(/^file:\/*/, '/');
    try {
      p = decodeURIComponent(p);
    } catch {
      // A malformed escape: keep the raw text; a suffix match may still find it.
    }
  }
  return pathSegments(p.replace(/^\/?[A-Za-z]:(?=[/\\])/, ''));
}

/** Windows paths compare case-insensitively; a drive letter on either side tells us so. */
function driveInsensitive(path: string): boolean {
  return /^\/?[A-Za-z]:[/\\]/.test(path) || /^file:\/*[A-Za-z]:/.test(path);
}

/** When `segments` starts with `root`, the rest joined with '/' ('' for the root itself). */
function relativeTo(segments: readonly string[], root: readonly string[], ignoreCase: boolean): string | undefined {
  if (segments.length < root.length) return undefined;
  const same = (a: string, b: string): boolean => (ignoreCase ? a.toLowerCase() === b.toLowerCase() : a === b);
  for (let i = 0; i < root.length; i++) if (!same(segments[i]!, root[i]!)) return undefined;
  return segments.slice(root.length).join('/');
}

/**
 * An index of tracked files built once per refresh, then asked once per report path.
 * Lookups cost O(files sharing the base name), not O(all files).
 */
export class TrackedFileIndex {
  private readonly tracked = new Set<string>();
  private readonly byBaseName = new Map<string, string[][]>();
  private readonly rootSegments: string[];
  private readonly rootIgnoresCase: boolean;

  /**
   * @param repoRoot absolute path of the repository on this machine.
   * @param trackedFiles repository-relative paths, as `git ls-files` prints them.
   */
  constructor(repoRoot: string, trackedFiles: Iterable<string>) {
    this.rootSegments = absoluteSegments(repoRoot);
    this.rootIgnoresCase = driveInsensitive(repoRoot);
    for (const file of trackedFiles) {
      const segments = pathSegments(file);
      if (segments.length === 0) continue;
      const rel = segments.join('/');
      if (this.tracked.has(rel)) continue;
      this.tracked.add(rel);
      const base = segments[segments.length - 1]!;
      const list = this.byBaseName.get(base);
      if (list) list.push(segments);
      else this.byBaseName.set(base, [segments]);
    }
  }

  get size(): number {
    return this.tracked.size;
  }

  match(reportPath: string, context: PathContext): PathMatch {
    const exact = this.exact(reportPath, context);
    if (exact !== undefined) return { kind: 'matched', file: exact, how: 'exact' };
    if (isAbsolutePath(reportPath)) return this.bySuffix(absoluteSegments(reportPath));
    // A relative path under a foreign source root (a CI checkout): the root's tail can break ties.
    const rooted = (context.sourceRoots ?? []).map((source) =>
      this.bySuffix([...(isAbsolutePath(source) ? absoluteSegments(source) : pathSegments(source)), ...pathSegments(reportPath)]),
    );
    const found = new Set(rooted.flatMap((m) => (m.kind === 'matched' ? [m.file] : [])));
    if (found.size === 1) return { kind: 'matched', file: [...found][0]!, how: 'suffix' };
    if (found.size > 1) return { kind: 'ambiguous', candidates: [...found] };
    return this.bySuffix(pathSegments(reportPath));
  }

  /** The tracked file the path names when read as absolute here, or relative to a known base. */
  private exact(reportPath: string, context: PathContext): string | undefined {
    const candidates: string[] = [];
    if (isAbsolutePath(reportPath)) {
      const rel = this.underRoot(reportPath);
      if (rel !== undefined) candidates.push(rel);
    } else {
      const reportDir = pathSegments(context.reportDir).join('/');
      for (const source of context.sourceRoots ?? []) {
        if (isAbsolutePath(source)) {
          const rootRel = this.underRoot(source);
          if (rootRel !== undefined) candidates.push(join(rootRel, reportPath));
        } else {
          candidates.push(join(join(reportDir, source), reportPath), join(source, reportPath));
        }
      }
      candidates.push(join(reportDir, reportPath), join('', reportPath));
    }
    return candidates.find((c) => this.tracked.has(c));
  }

  /** Repository-relative form of an absolute path on this machine, when it is under the root. */
  private underRoot(absolute: string): string | undefined {
    const ignoreCase = this.rootIgnoresCase && driveInsensitive(absolute);
    return relativeTo(absoluteSegments(absolute), this.rootSegments, ignoreCase);
  }

  /** The one tracked file sharing the most trailing segments (at least the base name). */
  private bySuffix(segments: readonly string[]): PathMatch {
    const base = segments[segments.length - 1];
    const sameBase = base === undefined ? undefined : this.byBaseName.get(base);
    if (!sameBase) return { kind: 'unmatched' };
    let best = 0;
    let winners: string[][] = [];
    for (const candidate of sameBase) {
      const shared = commonSuffixLength(segments, candidate);
      if (shared > best) {
        best = shared;
        winners = [candidate];
      } else if (shared === best) winners.push(candidate);
    }
    if (winners.length === 1) return { kind: 'matched', file: winners[0]!.join('/'), how: 'suffix' };
    return { kind: 'ambiguous', candidates: winners.map((w) => w.join('/')) };
  }
}

function join(base: string, path: string): string {
  return pathSegments(base === '' ? path : `${base}/${path}`).join('/');
}

function commonSuffixLength(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
