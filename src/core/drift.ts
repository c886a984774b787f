/**
 * How far a leader has drifted from a repository, from its recent history: what happened since their own last
 * commit, which modules and dependencies are new, and where the team has been busy without them (the drift map).
 * Pure: the adapter streams the commits (bounded, newest first) and says which top-level entries existed at the
 * user's last commit.
 */
import { daysBetween } from './localDays';
import type { LocalDay } from './model';

export interface DriftCommit {
  readonly sha: string;
  readonly authorEmail: string;
  readonly authorName: string;
  /** Author time, epoch ms. */
  readonly time: number;
  /** Repository-relative paths with git's change letter (A added, M modified, D deleted, R renamed: the new path). */
  readonly files: readonly { readonly path: string; readonly change: 'A' | 'M' | 'D' | 'R' }[];
}

export interface DriftInputs {
  /** Newest first, reaching back at least to the user's last commit or the churn window, whichever is older. */
  readonly commits: readonly DriftCommit[];
  /** The user's commit emails, any case. */
  readonly myEmails: readonly string[];
  readonly now: number;
  readonly today: LocalDay;
  readonly lastHandsOnDay?: LocalDay;
  /** Top-level names (files and folders) at the user's last commit; without it no module counts as new. */
  readonly topLevelAtMyLastCommit?: ReadonlySet<string>;
  /** Team churn is counted over this many days. Default 90. */
  readonly churnWindowDays?: number;
  /** Drift map rows. Default 10. */
  readonly mapSize?: number;
}

/**
 * The drift map's "last touched by you" for areas whose last touch is older than the commits read
 * (adapters/driftHistory `lastTouches` asks git per area).
 */
export function withLastTouches(report: DriftReport, lastTouches: ReadonlyMap<string, number>): DriftReport {
  return {
    ...report,
    driftMap: report.driftMap.map((row) => {
      const older = lastTouches.get(row.dir);
      return older === undefined || (row.myLastTouch !== undefined && row.myLastTouch >= older) ? row : { ...row, myLastTouch: older };
    }),
  };
}

export interface DriftMapRow {
  readonly dir: string;
  /** Commits by others touching the folder in the churn window. */
  readonly teamCommits: number;
  /** The user's latest commit touching it among the commits read; undefined when none. */
  readonly myLastTouch?: number;
}

export interface DriftReport {
  readonly daysSinceHandsOn?: number;
  /** Undefined when none of the commits read is the user's. */
  readonly myLastCommitAt?: number;
  /** Since the user's last commit (all commits read when there is none). */
  readonly commitsSince: number;
  /** Other authors since then, most commits first. */
  readonly authorsSince: readonly { readonly name: string; readonly commits: number }[];
  /** Top-level folders, and folders that gained a package manifest, that appeared since then. */
  readonly newModules: readonly string[];
  /** Manifest and lock files changed since then, newest first, one row per file. */
  readonly dependencyChanges: readonly { readonly file: string; readonly sha: string; readonly time: number }[];
  readonly driftMap: readonly DriftMapRow[];
  /** "What Changed Since I Last Coded": the commits since then grouped by area, each area's authors and commits. */
  readonly changesByArea: readonly AreaChanges[];
  /** Files added since then (and still there at the end of the range), newest first. */
  readonly newFiles: readonly { readonly file: string; readonly sha: string; readonly time: number }[];
  /** Files changed by the most commits since then. */
  readonly biggestMovers: readonly { readonly file: string; readonly commits: number }[];
}

export interface AreaChanges {
  /** `src/billing`, a top-level folder, or `.` for files at the root. */
  readonly area: string;
  /** Newest first. */
  readonly commits: readonly { readonly sha: string; readonly time: number; readonly author: string }[];
  readonly authors: readonly { readonly name: string; readonly commits: number }[];
}

/** Files whose change is a dependency change, by base name. */
const MANIFESTS = new Set([
  'package.json', 'package-lock.json', 'yarn.lock', 'pnpm-lock.yaml',
  'go.mod', 'go.sum', 'pyproject.toml', 'requirements.txt', 'poetry.lock', 'Pipfile', 'Pipfile.lock',
  'Cargo.toml', 'Cargo.lock', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'Gemfile', 'Gemfile.lock', 'composer.json',
]);
/** Manifests that make their folder a package (locks do not). */
const PACKAGE_MANIFESTS = new Set(['package.json', 'go.mod', 'pyproject.toml', 'Cargo.toml', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'composer.json']);
const DAY_MS = 86_400_000;

export function computeDrift(inputs: DriftInputs): DriftReport {
  const mine = new Set(inputs.myEmails.map((e) => e.trim().toLowerCase()));
  // Remembered per address: a few authors write thousands of commits.
  const mineByEmail = new Map<string, boolean>();
  const isMine = (c: DriftCommit) => {
    let yes = mineByEmail.get(c.authorEmail);
    if (yes === undefined) mineByEmail.set(c.authorEmail, (yes = mine.has(c.authorEmail.trim().toLowerCase())));
    return yes;
  };
  const lastMineIndex = inputs.commits.findIndex(isMine);
  const since = lastMineIndex < 0 ? inputs.commits : inputs.commits.slice(0, lastMineIndex);

  const authors = new Map<string, { name: string; commits: number }>();
  for (const c of since) {
    const key = c.authorEmail.toLowerCase();
    const row = authors.get(key) ?? { name: c.authorName || c.authorEmail, commits: 0 };
    row.commits++;
    authors.set(key, row);
  }

  return {
    ...(inputs.lastHandsOnDay !== undefined && { daysSinceHandsOn: Math.max(0, daysBetween(inputs.lastHandsOnDay, inputs.today)) }),
    ...(lastMineIndex >= 0 && { myLastCommitAt: inputs.commits[lastMineIndex]!.time }),
    commitsSince: since.length,
    authorsSince: [...authors.values()].sort((a, b) => b.commits - a.commits || a.name.localeCompare(b.name)),
    newModules: newModules(since, inputs.topLevelAtMyLastCommit),
    dependencyChanges: dependencyChanges(since),
    driftMap: driftMap(inputs, isMine),
    changesByArea: changesByArea(since),
    newFiles: newFiles(since),
    biggestMovers: biggestMovers(since, inputs.mapSize ?? 10),
  };
}

function changesByArea(since: readonly DriftCommit[]): AreaChanges[] {
  type Row = { commits: AreaChanges['commits'][number][]; authors: Map<string, number> };
  const areas = new Map<string, Row>();
  for (const c of since) {
    const author = c.authorName || c.authorEmail;
    // One entry per commit, shared by the areas it touched.
    const entry = { sha: c.sha, time: c.time, author };
    for (const area of areasOf(c, '.')) {
      let row = areas.get(area);
      if (!row) areas.set(area, (row = { commits: [], authors: new Map() }));
      row.commits.push(entry);
      row.authors.set(author, (row.authors.get(author) ?? 0) + 1);
    }
  }
  return [...areas]
    .map(([area, row]) => ({
      area,
      commits: row.commits,
      authors: [...row.authors].map(([name, commits]) => ({ name, commits })).sort((a, b) => b.commits - a.commits || a.name.localeCompare(b.name)),
    }))
    .sort((a, b) => b.commits.length - a.commits.length || a.area.localeCompare(b.area));
}

function newFiles(since: readonly DriftCommit[]): DriftReport['newFiles'] {
  // Newest first: a file's latest event decides whether it is still there.
  const latest = new Map<string, { change: string; sha: string; time: number }>();
  const added = new Map<string, { sha: string; time: number }>();
  for (const c of since) {
    for (const f of c.files) {
      if (!latest.has(f.path)) latest.set(f.path, { change: f.change, sha: c.sha, time: c.time });
      if (f.change === 'A' || f.change === 'R') added.set(f.path, { sha: c.sha, time: c.time });
    }
  }
  return [...added].filter(([file]) => latest.get(file)?.change !== 'D').map(([file, at]) => ({ file, ...at })).sort((a, b) => b.time - a.time || a.file.localeCompare(b.file));
}

function biggestMovers(since: readonly DriftCommit[], size: number): DriftReport['biggestMovers'] {
  const counts = new Map<string, number>();
  for (const c of since) for (const f of c.files) if (f.change !== 'D') counts.set(f.path, (counts.get(f.path) ?? 0) + 1);
  if (size <= 0) return [];
  // Sort only the files that can make the list (thousands of files, and ties compared by name are slow to sort):
  // those with at least the size-th highest count.
  const highest = [...counts.values()].sort((a, b) => b - a);
  const least = highest[Math.min(size, highest.length) - 1] ?? 0;
  return [...counts]
    .filter(([, commits]) => commits >= least)
    .map(([file, commits]) => ({ file, commits }))
    .sort((a, b) => b.commits - a.commits || a.file.localeCompare(b.file))
    .slice(0, size);
}

function newModules(since: readonly DriftCommit[], before: ReadonlySet<string> | undefined): string[] {
  if (!before) return [];
  const found = new Set<string>();
  for (const c of since) {
    for (const f of c.files) {
      if (f.change !== 'A' && f.change !== 'R') continue;
      const parts = f.path.split('/');
      if (parts.length > 1 && !before.has(parts[0]!)) found.add(parts[0]!);
      // A manifest added below the top level makes a new package (monorepos: packages/billing/package.json).
      if (parts.length > 2 && PACKAGE_MANIFESTS.has(parts.at(-1)!) && before.has(parts[0]!)) found.add(parts.slice(0, -1).join('/'));
    }
  }
  return [...found].sort();
}

function dependencyChanges(since: readonly DriftCommit[]): DriftReport['dependencyChanges'] {
  const seen = new Set<string>();
  const rows: { file: string; sha: string; time: number }[] = [];
  for (const c of since) {
    for (const f of c.files) {
      if (!MANIFESTS.has(f.path.slice(f.path.lastIndexOf('/') + 1)) || seen.has(f.path)) continue;
      seen.add(f.path);
      rows.push({ file: f.path, sha: c.sha, time: c.time });
    }
  }
  return rows;
}

/** Folders one level down (`src/billing`), or the top level for files directly under a top folder. */
function areaOf(path: string): string | undefined {
  const first = path.indexOf('/');
  if (first < 0) return undefined;
  const second = path.indexOf('/', first + 1);
  return path.slice(0, second < 0 ? first : second);
}

/**
 * The distinct areas a commit touched, in first-seen order; files outside any area count as `outside`, or not at all.
 * Most commits touch a few files: a short array is cheaper than a Set for them.
 */
function areasOf(c: DriftCommit, outside?: string): Iterable<string> {
  if (c.files.length > 8) return new Set(c.files.map((f) => areaOf(f.path) ?? outside).filter((a): a is string => a !== undefined));
  const areas: string[] = [];
  for (const f of c.files) {
    const area = areaOf(f.path) ?? outside;
    if (area !== undefined && !areas.includes(area)) areas.push(area);
  }
  return areas;
}

function driftMap(inputs: DriftInputs, isMine: (c: DriftCommit) => boolean): DriftMapRow[] {
  const windowStart = inputs.now - (inputs.churnWindowDays ?? 90) * DAY_MS;
  const team = new Map<string, number>();
  const myLast = new Map<string, number>();
  for (const c of inputs.commits) {
    const mine = isMine(c);
    if (!mine && c.time < windowStart) continue;
    const areas = areasOf(c);
    if (mine) {
      for (const a of areas) if (!myLast.has(a)) myLast.set(a, c.time); // newest first: the first seen is the latest
    } else {
      for (const a of areas) team.set(a, (team.get(a) ?? 0) + 1);
    }
  }
  return [...team]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, inputs.mapSize ?? 10)
    .map(([dir, teamCommits]) => ({ dir, teamCommits, ...(myLast.has(dir) && { myLastTouch: myLast.get(dir)! }) }));
}
