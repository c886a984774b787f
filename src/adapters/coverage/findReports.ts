/**
 * Locates coverage reports in a workspace folder with tinyglobby. Bounded three ways, since a
 * workspace can be huge: directory depth, wall time (the crawl is aborted, partial results kept),
 * and the number of reports returned (shallowest first: a root `coverage/` beats a vendored one).
 * node_modules, .git and other dot-folders are never entered.
 */
import { glob } from 'tinyglobby';

export const DEFAULT_COVERAGE_GLOBS: readonly string[] = [
  '**/coverage/lcov.info',
  '**/lcov.info',
  '**/coverage*.xml',
  '**/cobertura-coverage.xml',
  '**/jacoco*.xml',
  '**/clover.xml',
  '**/coverage-final.json',
];

export const ALWAYS_IGNORED: readonly string[] = ['**/node_modules/**', '**/.git/**'];

export interface FindReportsOptions {
  /** Globs relative to the root; DEFAULT_COVERAGE_GLOBS when absent or empty. */
  readonly globs?: readonly string[];
  /** Extra globs to skip, on top of ALWAYS_IGNORED. */
  readonly ignore?: readonly string[];
  readonly maxFiles?: number;
  /** Folder levels below the root that are searched. */
  readonly maxDepth?: number;
  readonly timeoutMs?: number;
}

export const FIND_REPORT_DEFAULTS = { maxFiles: 20, maxDepth: 8, timeoutMs: 3000 } as const;

/** Absolute paths (with '/' separators) of the reports found, shallowest first, then by name. */
export async function findReports(root: string, options: FindReportsOptions = {}): Promise<string[]> {
  const globs = options.globs?.length ? [...options.globs] : [...DEFAULT_COVERAGE_GLOBS];
  const maxFiles = options.maxFiles ?? FIND_REPORT_DEFAULTS.maxFiles;
  let found: string[];
  try {
    found = await glob(globs, {
      cwd: root,
      absolute: true,
      onlyFiles: true,
      dot: false,
      followSymbolicLinks: false, // a link loop or a link out of the workspace must not widen the search
      expandDirectories: false,
      deep: options.maxDepth ?? FIND_REPORT_DEFAULTS.maxDepth,
      ignore: [...ALWAYS_IGNORED, ...(options.ignore ?? [])],
      signal: AbortSignal.timeout(options.timeoutMs ?? FIND_REPORT_DEFAULTS.timeoutMs),
    });
  } catch {
    return []; // an unreadable or vanished root: there is simply no coverage to read
  }
  const depth = (path: string): number => path.split('/').length;
  return [...new Set(found)].sort((a, b) => depth(a) - depth(b) || a.localeCompare(b)).slice(0, maxFiles);
}
