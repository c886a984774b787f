/**
 * Does a source file have a matching test file? Decided by NAME ONLY, over the list of tracked files, using each
 * language's common conventions. Pure: no file system (the caller streams `git ls-files`).
 *
 * Conventions (paths repository-relative, `/`-separated; `stem` = file name without extension):
 * - JS/TS: `stem.test.EXT` / `stem.spec.EXT` (any JS/TS EXT) in the same folder, in a sibling `__tests__/`, or
 *   anywhere under a test folder (`test/`, `tests/`, `__tests__/`, `spec/`…, so `test/unit/a/x.test.ts` counts for
 *   `src/a/x.ts`); also `__tests__/stem.EXT` next to the file. For generic stems (`index`, `main`…) the test path
 *   must also mention the source's parent folder, else every `index.ts` would match any `index.test.ts`.
 * - Python: `test_stem.py` or `stem_test.py` in the same folder or under any `test`/`tests` folder.
 * - Go: `stem_test.go` or `stem_*_test.go` in the same folder (Go tests must live in the package's folder).
 * - Java/Kotlin: `src/main/<lang>/a/B.java` ↔ `src/test/<lang>/a/{BTest,BTests,TestB,BIT}.java`; otherwise those
 *   names anywhere under a test folder.
 * - Rust: `tests/stem.rs` or `tests/test_stem.rs` (integration tests), `stem/tests.rs`, or a file that has an
 *   inline `#[cfg(test)]` module — that cannot be seen from the name, so the caller may pass the set of such files
 *   (from `git grep -l`); without it Rust files with only inline tests are reported as untested.
 */

const JS_EXT = ['js', 'jsx', 'ts', 'tsx', 'mjs', 'cjs', 'mts', 'cts'];
const SOURCE_EXT = new Set([
  ...JS_EXT, 'py', 'go', 'java', 'kt', 'rs', 'c', 'h', 'cc', 'cpp', 'cxx', 'hh', 'hpp', 'hxx', 'cs', 'rb', 'php', 'swift', 'scala',
]);
const TEST_DIRS = new Set(['test', 'tests', '__tests__', 'spec', 'specs', '__test__', 'testing', 'e2e']);
const SKIP_DIRS = new Set([
  'node_modules', 'vendor', 'third_party', 'dist', 'build', 'out', 'target', 'coverage', 'fixtures', '__fixtures__',
  'testdata', '__mocks__', 'mocks', 'generated', '__generated__', 'examples', 'example', 'docs', 'migrations', 'bench',
]);
const GENERIC_STEMS = new Set(['index', 'main', 'mod', 'lib', 'utils', 'util', 'types', 'constants', 'helpers']);

interface Parsed {
  readonly dir: string;
  readonly dirs: string[];
  readonly name: string;
  readonly stem: string;
  readonly ext: string;
}

function parse(file: string): Parsed {
  const parts = file.split('/');
  const name = parts.pop()!;
  const dot = name.lastIndexOf('.');
  return { dir: parts.join('/'), dirs: parts, name, stem: dot > 0 ? name.slice(0, dot) : name, ext: dot > 0 ? name.slice(dot + 1).toLowerCase() : '' };
}

function join(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/** True for test files by name or folder (they are not themselves "sources needing a test"). */
export function isTestFile(file: string): boolean {
  const p = parse(file);
  if (p.dirs.some((d) => TEST_DIRS.has(d.toLowerCase()))) return true;
  if (JS_EXT.includes(p.ext) && /\.(test|spec)$/.test(p.stem)) return true;
  if (p.ext === 'py' && (/^test_/.test(p.stem) || /_test$/.test(p.stem) || p.stem === 'conftest')) return true;
  if (p.ext === 'go' && p.stem.endsWith('_test')) return true;
  if ((p.ext === 'java' || p.ext === 'kt') && /(^Test[A-Z]|Tests?$|IT$)/.test(p.stem)) return true;
  return false;
}

/** Hand-written source in a supported language that should have tests: not a test, config, stub or generated file. */
export function isSourceFile(file: string): boolean {
  const p = parse(file);
  if (!SOURCE_EXT.has(p.ext) || isTestFile(file)) return false;
  if (p.dirs.some((d) => SKIP_DIRS.has(d.toLowerCase()) || d.startsWith('.'))) return false;
  if (/\.d\.[cm]?ts$/.test(p.name) || /\.min\.[cm]?js$/.test(p.name)) return false;
  if (/\.config$|^\.|rc$/.test(p.stem)) return false; // eslint.config.js, vite.config.ts, .prettierrc.js
  if (p.ext === 'py' && (p.stem === '__init__' || p.stem === 'setup' || p.stem === '__main__')) return false;
  if (p.ext === 'go' && (p.stem === 'doc' || p.stem.endsWith('.pb'))) return false;
  if (p.ext === 'rs' && (p.stem === 'build' || p.stem === 'main' || p.stem === 'mod')) return false;
  return true;
}

export class TestFileIndex {
  private readonly all: Set<string>;
  /** Lower-cased test file NAME → its paths, for the "anywhere under a test folder" rules. */
  private readonly testsByName = new Map<string, string[]>();

  /** `tracked`: every tracked path; `inlineTests`: Rust files with a `#[cfg(test)]` module (optional). */
  constructor(tracked: Iterable<string>, private readonly inlineTests: ReadonlySet<string> = new Set()) {
    this.all = new Set(tracked);
    for (const file of this.all) {
      if (!isTestFile(file)) continue;
      const key = parse(file).name.toLowerCase();
      const list = this.testsByName.get(key) ?? [];
      list.push(file);
      this.testsByName.set(key, list);
    }
  }

  /** The first matching test file for `source`, or undefined. */
  findTestFile(source: string): string | undefined {
    const p = parse(source);
    if (JS_EXT.includes(p.ext)) return this.jsTest(p);
    switch (p.ext) {
      case 'py': return this.firstExisting([join(p.dir, `test_${p.stem}.py`), join(p.dir, `${p.stem}_test.py`)]) ?? this.underTestDir(p, [`test_${p.stem}.py`, `${p.stem}_test.py`]);
      case 'go': return this.goTest(p);
      case 'java': case 'kt': return this.jvmTest(p);
      case 'rs': return this.rustTest(source, p);
      default: return undefined;
    }
  }

  hasTestFile(source: string): boolean {
    return this.findTestFile(source) !== undefined;
  }

  private firstExisting(paths: readonly string[]): string | undefined {
    return paths.find((candidate) => this.all.has(candidate));
  }

  /** A test file with one of `names` under a test folder; generic stems must also share the parent folder name. */
  private underTestDir(p: Parsed, names: readonly string[]): string | undefined {
    const parent = p.dirs[p.dirs.length - 1]?.toLowerCase();
    for (const name of names) {
      for (const candidate of this.testsByName.get(name.toLowerCase()) ?? []) {
        const cp = parse(candidate);
        if (!cp.dirs.some((d) => TEST_DIRS.has(d.toLowerCase())) && cp.dir !== p.dir) continue;
        if (GENERIC_STEMS.has(p.stem.toLowerCase()) && !(parent && cp.dirs.some((d) => d.toLowerCase() === parent))) continue;
        return candidate;
      }
    }
    return undefined;
  }

  private jsTest(p: Parsed): string | undefined {
    const names = JS_EXT.flatMap((ext) => [`${p.stem}.test.${ext}`, `${p.stem}.spec.${ext}`]);
    const local = [
      ...names.map((n) => join(p.dir, n)),
      ...names.map((n) => join(join(p.dir, '__tests__'), n)),
      ...JS_EXT.map((ext) => join(join(p.dir, '__tests__'), `${p.stem}.${ext}`)),
    ];
    return this.firstExisting(local) ?? this.underTestDir(p, names);
  }

  private goTest(p: Parsed): string | undefined {
    const exact = this.firstExisting([join(p.dir, `${p.stem}_test.go`)]);
    if (exact) return exact;
    const prefix = join(p.dir, `${p.stem}_`);
    for (const candidate of this.testsByName.values()) {
      const hit = candidate.find((c) => c.startsWith(prefix) && c.endsWith('_test.go') && !c.slice(prefix.length).includes('/'));
      if (hit) return hit;
    }
    return undefined;
  }

  private jvmTest(p: Parsed): string | undefined {
    const names = [`${p.stem}Test`, `${p.stem}Tests`, `Test${p.stem}`, `${p.stem}IT`].map((n) => `${n}.${p.ext}`);
    const mainAt = p.dirs.lastIndexOf('main');
    if (mainAt > 0 && p.dirs[mainAt - 1] === 'src') {
      const testDir = [...p.dirs.slice(0, mainAt), 'test', ...p.dirs.slice(mainAt + 1)].join('/');
      const found = this.firstExisting(names.map((n) => join(testDir, n)));
      if (found) return found;
    }
    return this.underTestDir(p, names);
  }

  private rustTest(source: string, p: Parsed): string | undefined {
    if (this.inlineTests.has(source)) return source;
    const crateRoot = p.dirs.lastIndexOf('src') >= 0 ? p.dirs.slice(0, p.dirs.lastIndexOf('src')).join('/') : p.dir;
    return this.firstExisting([
      join(join(crateRoot, 'tests'), `${p.stem}.rs`),
      join(join(crateRoot, 'tests'), `test_${p.stem}.rs`),
      join(join(p.dir, p.stem), 'tests.rs'),
    ]);
  }
}
