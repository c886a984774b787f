/**
 * The `handsOn.exclude` setting (and the CLI's `--exclude`): repository-relative globs compiled with picomatch into
 * the predicate the repository filter takes (core/repoFilter.ts). Node only (picomatch reads `path`).
 *
 * A glob excludes the paths it matches and everything under a folder it matches, so `src/legacy/**`, `src/legacy/`
 * and `legacy` all leave out `src/legacy/x.ts`. As in .gitignore, a glob with no '/' but a trailing one matches a
 * name at any depth (`legacy`, `*.gen.ts`), and any other is anchored at the repository root (`/legacy`, `./legacy`,
 * `src/legacy`). Negated globs (`!x`) are ignored: in a list of exclusions they would exclude everything else.
 */
import picomatch from 'picomatch';

/** The globs as written in settings or on the command line: trimmed, `./` and leading or trailing '/' dropped. */
export function normalizeExcludeGlobs(globs: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of globs) {
    const written = raw.trim().replace(/\\/g, '/').replace(/\/+$/, '');
    // As in .gitignore: a '/' before the end (`./x`, `/x`, `a/b`) anchors the glob at the root.
    const anchored = written.includes('/');
    let glob = written.replace(/^(?:\.\/)+/, '').replace(/^\/+/, '');
    if (glob === '' || glob.startsWith('!')) continue;
    if (!anchored) glob = `**/${glob}`;
    if (!out.includes(glob)) out.push(glob);
  }
  return out;
}

/** Undefined when there is no usable glob, so callers can skip the work. */
export function compileExcludeGlobs(globs: readonly string[] | undefined): ((path: string) => boolean) | undefined {
  const patterns = normalizeExcludeGlobs(globs ?? []);
  if (patterns.length === 0) return undefined;
  const matches = picomatch(patterns, { dot: true });
  return (path) => {
    // The path itself, then each folder above it, shortest first.
    for (let at = path.indexOf('/'); at >= 0; at = path.indexOf('/', at + 1)) if (matches(path.slice(0, at))) return true;
    return matches(path);
  };
}
