/**
 * Test files changed in the same commits as a source: when a change to a file keeps coming with a change to tests,
 * the file is tested, whatever the tests are called (express's `lib/request.js` and `test/req.*.js`, redis's C files
 * and its Tcl suites). Pure: reads the history cache's compact commit records.
 */
import { isTestFile, testOwner } from './testFileMatch';

/** Commits touching more files than this are sweeping changes (formatting, renames, upgrades), not a sign of testing. */
export const MAX_CO_CHANGE_FILES = 50;
/** Commits a source must share with test files to count as tested (one is enough with a test named alike). */
export const MIN_CO_CHANGE_COMMITS = 2;

export interface CoChange {
  /** Commits that changed the source and at least one test file. */
  readonly commits: number;
  /** The test file changed with it most often (the first seen on a tie, newest commits first). */
  readonly testFile: string;
}

/** Build and project files live in test folders too, but a dependency bump that touches them is not a test. */
const BUILD_FILE = /(?:^|\/)(?:CMakeLists\.txt|Makefile|package\.json|pom\.xml|go\.(?:mod|sum)|Cargo\.toml|[^/]*\.(?:csproj|fsproj|vbproj|sln|props|targets|gradle|kts|mk|cmake|lock|md|rst|ya?ml|toml|cfg|ini))$/i;

/** A test file whose change says something about the code changed with it: not a build or project file. */
export function isCoChangeTest(file: string, isTest: (file: string) => boolean = isTestFile): boolean {
  return isTest(file) && !BUILD_FILE.test(file);
}

/**
 * For each of `sources` that shares at least {@link MIN_CO_CHANGE_COMMITS} commits with related test files
 * ({@link relatedTest}): how many, and the test file changed with it most often. `commits` are the window's records
 * (file indices into `files`).
 */
export function coChangedTests(
  commits: Iterable<{ readonly f: readonly number[] }>,
  files: readonly string[],
  sources: Iterable<string>,
  isTest: (file: string) => boolean = isCoChangeTest,
): Map<string, CoChange> {
  const wanted = new Set(sources);
  // File index → the source's slot (0 = not asked about), and its test-ness (0 unknown, 1 test, 2 not): typed
  // arrays, since this runs over every commit of the window (100,000 on a big repository).
  const slotOf = new Int32Array(files.length);
  const asked: string[] = [];
  files.forEach((file, i) => {
    if (wanted.has(file)) slotOf[i] = asked.push(file);
  });
  const testness = new Uint8Array(files.length);
  const counts = new Map<string, { commits: number; tests: Map<number, number> }>();
  /** Per test (file index): the folder it speaks for (relatedTest), worked out once. */
  const owners = new Map<number, string>();
  const related = (source: string, t: number) => {
    let owner = owners.get(t);
    if (owner === undefined) owners.set(t, (owner = testOwner(files[t]!)));
    return owner === '' || source.startsWith(`${owner}/`);
  };
  for (const commit of commits) {
    const f = commit.f;
    if (f.length < 2 || f.length > MAX_CO_CHANGE_FILES) continue;
    let touched: string[] | undefined;
    let tests: number[] | undefined;
    for (let k = 0; k < f.length; k++) {
      const i = f[k]!;
      const slot = slotOf[i]!;
      if (slot !== 0 && !touched?.includes(asked[slot - 1]!)) (touched ??= []).push(asked[slot - 1]!);
      if (testness[i] === 0) testness[i] = isTest(files[i]!) ? 1 : 2;
      if (testness[i] === 1 && !tests?.includes(i)) (tests ??= []).push(i);
    }
    if (!touched || !tests) continue;
    for (const source of touched) {
      let entry: { commits: number; tests: Map<number, number> } | undefined;
      for (const t of tests) {
        if (!related(source, t)) continue;
        if (!entry) {
          entry = counts.get(source);
          if (!entry) counts.set(source, (entry = { commits: 0, tests: new Map() }));
          entry.commits++;
        }
        entry.tests.set(t, (entry.tests.get(t) ?? 0) + 1);
      }
    }
  }
  const result = new Map<string, CoChange>();
  for (const [source, entry] of counts) {
    // Once is enough when the test is named like the file (express's `test/req.fresh.js` for `lib/request.js`).
    const named = [...entry.tests.keys()].find((t) => namedAlike(source, files[t]!));
    if (entry.commits < MIN_CO_CHANGE_COMMITS && named === undefined) continue;
    let best = named ?? -1;
    let bestCount = named === undefined ? 0 : entry.tests.get(named)!;
    for (const [t, n] of entry.tests) if (n > bestCount) [best, bestCount] = [t, n];
    result.set(source, { commits: entry.commits, testFile: files[best]! });
  }
  return result;
}

/**
 * The test's name starts with the source's name or an abbreviation of it (three letters at least): `req.fresh.js`
 * and `request.js`, `app.render.js` and `application.js`, `string.tcl` and `t_string.c` do not, `sds_test.c` and
 * `sds.c` do.
 */
export function namedAlike(source: string, test: string): boolean {
  const word = (path: string) => (/^[A-Za-z0-9]+/.exec(path.slice(path.lastIndexOf('/') + 1))?.[0] ?? '').toLowerCase();
  const s = word(source);
  const t = word(test);
  if (s.length < 3 || t.length < 3) return false;
  return s.startsWith(t) || t.startsWith(s);
}

/**
 * A test can speak for a source when it belongs to a folder that contains the source: the part of its path before
 * its test folder (`crates/ignore` for `crates/ignore/tests/x.rs`, the repository for `test/req.js`), or its own
 * folder when it has none (Go's `pkg/a_test.go`). A test of another crate or package changed in the same commit
 * says nothing about this file.
 */
export function relatedTest(source: string, test: string): boolean {
  const owner = testOwner(test);
  return owner === '' || source.startsWith(`${owner}/`);
}
