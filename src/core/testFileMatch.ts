/**
 * Source files, test files and test-support code, told apart by PATH, and the test files NAMED for a source, over the
 * list of tracked files, using each language's common conventions. Pure: no file system (the caller streams
 * `git ls-files`). A name is one kind of evidence that a file is tested; imports, co-change and coverage are the
 * others (testEvidence.ts).
 *
 * Conventions (paths repository-relative, `/`-separated; `stem` = file name without extension):
 * - JS/TS: `stem.test.EXT` / `stem.spec.EXT` (any JS/TS EXT) in the same folder, in a sibling `__tests__/`, or
 *   anywhere under a test folder (`test/`, `tests/`, `__tests__/`, `spec/`…, so `test/unit/a/x.test.ts` counts for
 *   `src/a/x.ts`); also `__tests__/stem.EXT` next to the file.
 * - Python: `test_stem.py` or `stem_test.py` in the same folder or under any test folder.
 * - Go: `stem_test.go` or `stem_*_test.go` in the same folder (Go tests must live in the package's folder).
 * - Java/Kotlin/Scala: `src/main/<lang>/a/B.java` ↔ `src/test/<lang>/a/{BTest,BTests,TestB,BIT,BSpec,BSuite}.java`,
 *   Kotlin Multiplatform source sets too (`src/commonMain/…` ↔ `src/jvmTest/…`, `src/commonTest/…`); otherwise
 *   those names anywhere under a test folder. Kotlin files named `-Util.kt` are matched as `Util`.
 * - C/C++: `stem_test`, `stem_unittest`, `stem-test`, `stem_tests`, `test_stem`, `test-stem`, `stemTest` with any
 *   C/C++ extension, beside the file or under a test folder (a header and its `.c`/`.cc` share the stem).
 * - C#: `StemTests.cs`, `StemTest.cs`, `StemSpecs.cs`, `StemSpec.cs`, under a test folder or project (`X.Tests/`).
 * - Ruby: `test_stem.rb`, `stem_test.rb`, `stem_spec.rb`, `spec_stem.rb`. PHP: `StemTest.php`. Swift:
 *   `StemTests.swift`, `StemTest.swift`.
 * - Rust: `tests/stem.rs` or `tests/test_stem.rs` (integration tests), `stem/tests.rs`, or a file with inline tests
 *   (`#[cfg(test)]` or `#[test]`) — invisible by name, so the caller passes the set of such files (from `git grep -l`);
 *   without it Rust files with only inline tests are reported as untested.
 * For generic stems (`index`, `main`, `utils`…) a test elsewhere must also mention the source's parent folder, unless
 * the source is the only one of that name in the repository.
 */

/** The languages whose files can be test gaps. */
export type SourceLanguage = 'js' | 'ts' | 'python' | 'go' | 'java' | 'kotlin' | 'scala' | 'rust' | 'c' | 'cpp' | 'csharp' | 'ruby' | 'php' | 'swift';

const JS_EXT = ['js', 'jsx', 'ts', 'tsx', 'mjs', 'cjs', 'mts', 'cts'];
const C_EXT = ['c', 'h', 'cc', 'cpp', 'cxx', 'c++', 'hpp', 'hh', 'hxx', 'ipp', 'inl'];
const LANGUAGE_BY_EXT: ReadonlyMap<string, SourceLanguage> = new Map<string, SourceLanguage>([
  ['js', 'js'], ['jsx', 'js'], ['mjs', 'js'], ['cjs', 'js'], ['ts', 'ts'], ['tsx', 'ts'], ['mts', 'ts'], ['cts', 'ts'],
  ['py', 'python'], ['go', 'go'], ['java', 'java'], ['kt', 'kotlin'], ['scala', 'scala'], ['rs', 'rust'],
  ['c', 'c'], ['h', 'c'], ['cc', 'cpp'], ['cpp', 'cpp'], ['cxx', 'cpp'], ['c++', 'cpp'], ['hpp', 'cpp'], ['hh', 'cpp'],
  ['hxx', 'cpp'], ['ipp', 'cpp'], ['inl', 'cpp'], ['cs', 'csharp'], ['rb', 'ruby'], ['php', 'php'], ['swift', 'swift'],
]);
/** Test scripts in languages that are not sources here (redis's Tcl suites, shell and Bats tests, Perl `.t`). */
const TEST_SCRIPT_EXT = new Set(['tcl', 'sh', 'bash', 'bats', 't', 'exp', 'lua', 'pl']);
const TEST_DIRS = new Set(['test', 'tests', '__tests__', 'spec', 'specs', '__test__', 'e2e', 'unittest', 'unittests', 'unit-tests', 'unit_tests', 'integration-tests', 'integration_tests']);
/** Folders that hold tests, whatever they are called beyond this. */
const TEST_DIR_PATTERNS: readonly RegExp[] = [
  /^(?:tests?|specs?)[._-]/i, // test-shrinker, tests_integration, spec-e2e
  /[._-](?:tests?|specs?)$/i, // Polly.Specs, foo-tests, android-test
  /^[A-Za-z][A-Za-z0-9]*[a-z0-9](?:Tests?|Specs?)$/, // Kotlin source sets (jvmTest, commonTest, androidUnitTest), UnitTests, AlamofireTests
];
/** Folders of code that only tests use (helpers, fakes, fixtures), which is neither a test nor a source to test. */
const TEST_SUPPORT_DIR_PATTERNS: readonly RegExp[] = [
  /^(?:testing|testutils?|test[_-]?helpers?|test[_-]?support|testing[_-]?support|testfixtures|test[_-]fixtures|testkit|testlib|fakes|mocks|stubs|__mocks__)$/i,
  /[._-](?:testing|testing[._-]support|test[._-]support|testutils?|test[._-]utils?|testkit|testlib|fixtures)$/i, // okio-testing-support, Polly.Testing
  /[._-]tests?[._-]/i, // android-test-app, foo-test-server
];
const SKIP_DIRS = new Set([
  'node_modules', 'vendor', 'third_party', 'dist', 'build', 'out', 'target', 'coverage', 'fixtures', '__fixtures__',
  'testdata', '__mocks__', 'mocks', 'generated', '__generated__', 'examples', 'example', 'samples', 'sample', 'demo',
  'demos', 'docs', 'doc', 'migrations', 'bench', 'benches', 'benchmark', 'benchmarks', 'jmh', 'buildsrc', 'build-logic',
  'build-support', 'build-tools', 'gradle', 'sandbox', 'playground', 'website',
]);
/** Top-level folders of scripts and tooling (release, code generation, CI), not the product. */
const TOOLING_ROOTS = new Set(['scripts', 'script', 'tools', 'tool', 'bin', 'ci', 'hack', 'utils', 'support', 'devtools', 'dev', 'contrib', 'misc']);
const GENERIC_STEMS = new Set(['index', 'main', 'mod', 'lib', 'utils', 'util', 'types', 'constants', 'helpers', 'common', 'base', 'core']);
/** Test-double and test-helper file names: `FakeClock`, `MockServer`, `ClockStub`, `testutil.cc`, `test_helpers.py`. */
const TEST_SUPPORT_STEM = /^(?:(?:Fake|Mock|Stub|Dummy|Spy)[A-Z_]|(?:fake|mock|stub)_)|[a-z](?:Fake|Mock|Stub|Stubs|Fakes|Mocks)$|^(?:test_?utils?|test_?helpers?|test_?support|test_?common|testlib|testkit)$/;
const BENCH_STEM = /(?:^bench(?:mark)?s?[_-]|[_-]bench(?:mark)?s?$|[a-z]Benchmarks?$|^Benchmark[A-Z])/;

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

/** The language of a file by its extension, or undefined for files no test-gap rule knows. */
export function languageOf(file: string): SourceLanguage | undefined {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? LANGUAGE_BY_EXT.get(name.slice(dot + 1).toLowerCase()) : undefined;
}

/** A folder that holds tests: `test/`, `__tests__/`, `src/jvmTest/`, `Polly.Specs/`, `foo-tests/`… */
export function isTestDirName(dir: string): boolean {
  // Every test folder name holds "test" or "spec": one quick look rules out most folders.
  if (!/test|spec/i.test(dir)) return false;
  return TEST_DIRS.has(dir.toLowerCase()) || TEST_DIR_PATTERNS.some((pattern) => pattern.test(dir));
}

/** A folder of test helpers: `testing/`, `testutil/`, `testFixtures/`, `okio-testing-support/`, `Polly.Testing/`… */
export function isTestSupportDirName(dir: string): boolean {
  if (!/test|fake|mock|stub|fixture/i.test(dir)) return false;
  return TEST_SUPPORT_DIR_PATTERNS.some((pattern) => pattern.test(dir));
}

/** True for test files by name or folder (they are not themselves "sources needing a test"). */
export function isTestFile(file: string): boolean {
  return isTest(parse(file));
}

/** What a file's folders say about it, the same for every file in one folder (TestFileIndex works it out once each). */
interface FolderFacts {
  /** A test folder is on the path. */
  readonly test: boolean;
  /** A test-support folder is on the path. */
  readonly support: boolean;
  /** A vendored, generated, example, benchmark, hidden or tooling folder is on the path. */
  readonly notSource: boolean;
}

function folderFacts(dirs: readonly string[]): FolderFacts {
  return {
    test: dirs.some(isTestDirName),
    support: dirs.some(isTestSupportDirName),
    notSource: dirs.some((d) => SKIP_DIRS.has(d.toLowerCase()) || d.startsWith('.') || /(?:^|[\s._-])benchmarks?$/i.test(d) || isExampleDirName(d))
      || (dirs.length > 0 && TOOLING_ROOTS.has(dirs[0]!.toLowerCase())),
  };
}

/** Example, sample, demo and tutorial code: `examples/`, `samples/`, `okhttp-sample/`, `docs_demo/`, `tutorials/`. */
const EXAMPLE_DIR = /(?:^|[\s._-])(?:examples?|samples?|demos?|tutorials?)$/i;
/** Files named as examples (lower case: `Sample.java` may be a class of the product): `port_example.h`, `demo.py`, Go's `example_test.go`. */
const EXAMPLE_STEM = /(?:^|[_.-])(?:examples?|samples?|demos?)$|^examples?_(?:\w+_)?test$/;

function isExampleDirName(dir: string): boolean {
  return EXAMPLE_DIR.test(dir);
}

/**
 * Code that shows how to use the product rather than being it: in an example, sample, demo or tutorial folder, or
 * named as one. Its TODOs (`left as an exercise for the reader`) are not the team's work; it is no source to test.
 */
export function isExampleFile(file: string): boolean {
  const p = parse(file);
  return p.dirs.some(isExampleDirName) || EXAMPLE_STEM.test(p.stem);
}

function isTest(p: Parsed, folders: FolderFacts = folderFacts(p.dirs)): boolean {
  return folders.test || isTestFileName(p);
}

function isTestFileName(p: Parsed): boolean {
  const stem = p.stem;
  if (JS_EXT.includes(p.ext)) return /\.(test|spec)$/.test(stem);
  switch (p.ext) {
    case 'py': return /^test_/.test(stem) || /_test$/.test(stem) || stem === 'conftest';
    case 'go': return stem.endsWith('_test');
    // `Spec` and `Suite` only where they are the test convention: okhttp's `ConnectionSpec` and `CipherSuite` are code.
    case 'java': case 'kt': return /^Test[A-Z_]|[a-z0-9](?:Tests?|IT)$/.test(stem);
    case 'scala': return /^Test[A-Z_]|[a-z0-9](?:Tests?|Spec|Specs|Suite)$/.test(stem);
    case 'cs': return /[a-z0-9](?:Tests?|Specs?)$/.test(stem);
    case 'swift': case 'php': return /[a-z0-9]Tests?$/.test(stem);
    case 'rb': return /^(?:test|spec)_|_(?:test|spec)$/.test(stem);
    default:
      return C_EXT.includes(p.ext) && /^tests?[_-]|[_-](?:unit)?tests?$|[a-z0-9]Tests?$/.test(stem);
  }
}

/**
 * Helpers and doubles that only tests use, outside test folders: `FakeClock.kt`, `testutil.cc`, `MockTransport.php`.
 * Neither sources that need tests nor tests.
 */
export function isTestSupportFile(file: string): boolean {
  return isTestSupport(parse(file));
}

function isTestSupport(p: Parsed, folders: FolderFacts = folderFacts(p.dirs)): boolean {
  return folders.support || TEST_SUPPORT_STEM.test(p.stem) || (p.ext === 'php' && /^Test[A-Z]/.test(p.stem));
}

/**
 * Build, CI and tool configuration and the repository's scripts: `karma.conf.cjs`, `webpack.config.js`, `Makefile`,
 * `CMakeLists.txt`, `.github/…`, `scripts/…`. A TODO there is about the tooling, not the product.
 */
export function isToolingFile(file: string): boolean {
  const p = parse(file);
  // A hidden folder (`.github/`), or a tooling folder on a path that is no product source (a top-level `scripts/`).
  if (p.dirs.some((d) => d.startsWith('.')) || (folderFacts(p.dirs).notSource && p.dirs.some((d) => TOOLING_ROOTS.has(d.toLowerCase())))) return true;
  return /\.(?:conf|config|cfg)$|^\.|rc$/i.test(p.stem) || /^(?:makefile|gnumakefile|cmakelists|dockerfile|gulpfile|gruntfile|jakefile|rakefile|gemfile|noxfile|setup|tox|build|justfile|vagrantfile)$/i.test(p.stem)
    || /^(?:cmake|mk|mak|ya?ml|toml|ini|gradle|sbt|bzl|bazel)$/i.test(p.ext);
}

/**
 * Hand-written source in a supported language that could need tests: not a test or test helper, not config, a build
 * script, a benchmark, an example or a stub, and not in a vendored, generated or tooling folder. Whether its content
 * is worth a test is decided from its text (sourceShape.ts).
 */
export function isSourceFile(file: string): boolean {
  const p = parse(file);
  return !isTest(p) && isSource(p);
}

/** isSourceFile for a path already known not to be a test. */
function isSource(p: Parsed, folders: FolderFacts = folderFacts(p.dirs)): boolean {
  const language = LANGUAGE_BY_EXT.get(p.ext);
  if (!language || folders.notSource || isTestSupport(p, folders)) return false;
  if (/\.d\.[cm]?ts$/.test(p.name) || /\.min\.[cm]?js$/.test(p.name)) return false;
  if (/\.config$|^\.|rc$/.test(p.stem)) return false; // eslint.config.js, vite.config.ts, .prettierrc.js
  if (BENCH_STEM.test(p.stem) || EXAMPLE_STEM.test(p.stem)) return false;
  switch (language) {
    case 'js': case 'ts': return !/^(?:gulpfile|gruntfile|jakefile|webpack\..*|rollup\..*)$/i.test(p.stem);
    case 'python': return !['__init__', 'setup', '__main__', 'noxfile', 'fabfile', 'manage', 'conf'].includes(p.stem);
    case 'go': return p.stem !== 'doc' && !p.stem.endsWith('.pb');
    case 'rust': return p.stem !== 'build' && p.stem !== 'main' && p.stem !== 'mod';
    case 'java': return p.stem !== 'package-info' && p.stem !== 'module-info';
    case 'swift': return !/^Package(?:@.*)?$/.test(p.stem) && p.stem !== 'LinuxMain';
    case 'ruby': return !/^(?:Rakefile|Gemfile|Guardfile|Dangerfile|Capfile)$/i.test(p.stem);
    case 'scala': return p.stem !== 'build' && p.stem !== 'package';
    case 'php': return !/^(?:bootstrap|autoload)$/.test(p.stem);
    case 'csharp': return !/^(?:cake|build|Build)$/.test(p.stem);
    default: return true;
  }
}

/** Folders that organise code rather than name a package. */
const LAYOUT_FOLDERS = new Set(['src', 'lib', 'main', 'java', 'kotlin', 'scala', 'source', 'sources', 'internal', 'pkg', 'include', 'app', 'com', 'org', 'net', 'io', 'commonmain', 'jvmmain', 'core']);

/** What a test file is named for, its test affixes off and lower case (`WatchTests` → `watch`, `test_http` → `http`). */
function testedNameOf(stem: string): string | undefined {
  const base = stem.replace(/\.(?:test|spec)$/i, '').replace(/^(?:test|spec)[-_]|^(?:Test|Spec)(?=[A-Z])/, '')
    .replace(/[-_](?:tests?|specs?|suite|unittest)$|(?<=[a-z0-9])(?:Tests?|Specs?|Suite|IT)$/, '');
  return base && base !== stem ? base.toLowerCase().replace(/[-_.]/g, '') : undefined;
}

/**
 * The folder a test speaks for: the part of its path before its test folder (`crates/ignore` for
 * `crates/ignore/tests/x.rs`, the repository for `test/req.js`), or its own folder when it has none (Go's
 * `pkg/a_test.go`).
 */
export function testOwner(test: string): string {
  const parts = test.split('/');
  parts.pop();
  const at = parts.findIndex(isTestDirName);
  return (at < 0 ? parts : parts.slice(0, at)).join('/');
}

/**
 * `-Util` (Kotlin's convention for files of top-level functions) is matched as `Util`, and a Kotlin Multiplatform
 * platform part as its common name: `-CacheControlCommon` and `ByteStringJvm` as `CacheControl` and `ByteString`.
 */
function matchStem(stem: string, ext = ''): string {
  const plain = stem.replace(/^[-_]+/, '');
  return ext === 'kt' ? plain.replace(/(?<=[a-z0-9])(?:Common|Jvm|Js|Native|Android|Apple|Posix|Unix|Windows|Mingw|Linux|Darwin|Wasm|NonJvm|Nio)$/, '') : plain;
}

export class TestFileIndex {
  private readonly all: Set<string>;
  /** Lower-cased test file NAME → its paths, for the "anywhere under a test folder" rules. */
  private readonly testsByName = new Map<string, string[]>();
  /** Lower-cased source file name → how many tracked sources carry it (a unique generic name is not ambiguous). */
  private readonly sourceNames = new Map<string, number>();
  /** Go test files by folder (Go tests live beside their package). */
  private readonly goTestsByDir = new Map<string, string[]>();
  /** Test file names up to their first dot, lower-cased: a JS/TS source whose stem is not among them has no test. */
  private readonly testNameStems = new Set<string>();
  /** Tracked files that are sources (isSourceFile). */
  private readonly sources = new Set<string>();
  /** Tracked tests in no supported language (Tcl suites, fixtures): co-change and same-stem names use them. */
  private readonly otherTests = new Set<string>();
  /** testShare's answers by language family: the index does not change once built. */
  private readonly shares = new Map<string, { readonly share: number; readonly tests: number }>();
  /** Every tracked test under a test folder by its lower-cased stem (`expire` for `tests/unit/expire.tcl`). */
  private readonly testsByStem = new Map<string, string[]>();
  /** Test files under test folders by what they are named for, affixes off (`WatchTests` → `watch`). */
  private readonly testsByBase = new Map<string, string[]>();
  private readonly inlineTests: Set<string>;

  /**
   * `tracked`: every tracked path; `inlineTests`: Rust files with inline tests, `#[cfg(test)]` or `#[test]` (optional;
   * more can be added later). Every path is classified here once; the other questions reuse it.
   */
  constructor(tracked: Iterable<string>, inlineTests: Iterable<string> = []) {
    this.all = new Set(tracked);
    this.inlineTests = new Set(inlineTests);
    const byFolder = new Map<string, FolderFacts>();
    for (const file of this.all) {
      const p = parse(file);
      let folders = byFolder.get(p.dir);
      if (!folders) byFolder.set(p.dir, (folders = folderFacts(p.dirs)));
      const test = isTest(p, folders);
      // Only test code counts by name: a fixture image or data file (`test/unit/adapters/axios.png`) tests nothing,
      // and neither does a sample app a test drives (`tests/test_apps/cliapp/app.py`).
      if (test && folders.test && (LANGUAGE_BY_EXT.has(p.ext) || TEST_SCRIPT_EXT.has(p.ext)) && !folders.support && !/(?:^|\/)(?:fixtures?|test_?apps?|testdata|data|resources|assets)\//i.test(p.dir)) {
        const stemKey = p.stem.toLowerCase();
        const list = this.testsByStem.get(stemKey);
        if (list) list.push(file);
        else this.testsByStem.set(stemKey, [file]);
        const base = testedNameOf(p.stem);
        if (base) this.testsByBase.set(base, [...(this.testsByBase.get(base) ?? []), file]);
      }
      if (!LANGUAGE_BY_EXT.has(p.ext)) {
        if (test) this.otherTests.add(file);
        continue;
      }
      const key = p.name.toLowerCase();
      if (test) {
        const list = this.testsByName.get(key) ?? [];
        list.push(file);
        this.testsByName.set(key, list);
        if (p.ext === 'go') {
          const inDir = this.goTestsByDir.get(p.dir) ?? [];
          inDir.push(file);
          this.goTestsByDir.set(p.dir, inDir);
        }
        this.testNameStems.add(key.split('.')[0]!);
      } else {
        this.sourceNames.set(key, (this.sourceNames.get(key) ?? 0) + 1);
        if (isSource(p, folders)) this.sources.add(file);
      }
    }
  }

  /** isSourceFile, answered from the tracked files' classification made once here. */
  isSource(file: string): boolean {
    return this.all.has(file) ? this.sources.has(file) : isSourceFile(file);
  }

  /** isTestFile, answered from the classification made once here. */
  isTest(file: string): boolean {
    if (!this.all.has(file)) return isTestFile(file);
    return this.otherTests.has(file) || (this.testsByName.get(file.slice(file.lastIndexOf('/') + 1).toLowerCase())?.includes(file) ?? false);
  }

  /** Rust files found to have inline tests after the index was built (the grep for them runs beside other work). */
  addInlineTests(files: Iterable<string>): void {
    for (const file of files) this.inlineTests.add(file);
  }

  /** The first matching test file for `source`, or undefined. */
  findTestFile(source: string): string | undefined {
    const p = parse(source);
    return this.conventionalTest(source, p) ?? this.sameStemTest(p) ?? this.packageNamedTest(p);
  }

  /**
   * One test file for a whole package, named after its folder, inside that folder's tree: os-lib's
   * `os/watch/test/src/WatchTests.scala` for `os/watch/src/WatchServiceWatcher.scala`, `pkg/http/test/http_test.ts`
   * for `pkg/http/src/client.ts`. Layout folders (`src`, `lib`, `main`…) name no package.
   */
  private packageNamedTest(p: Parsed): string | undefined {
    for (let i = p.dirs.length - 1; i >= 0; i--) {
      const folder = p.dirs[i]!.toLowerCase().replace(/[-_.]/g, '');
      if (folder.length < 3 || LAYOUT_FOLDERS.has(folder)) continue;
      const prefix = `${p.dirs.slice(0, i + 1).join('/')}/`;
      const found = this.testsByBase.get(folder)?.find((test) => test.startsWith(prefix));
      if (found) return found;
    }
    return undefined;
  }

  private conventionalTest(source: string, p: Parsed): string | undefined {
    const stem = matchStem(p.stem, p.ext);
    if (JS_EXT.includes(p.ext)) return this.jsTest(p);
    switch (LANGUAGE_BY_EXT.get(p.ext)) {
      case 'python': return this.besideOrUnderTestDir(p, [`test_${stem}.py`, `${stem}_test.py`]);
      case 'go': return this.goTest(p);
      case 'java': case 'kotlin': case 'scala': return this.jvmTest(p, stem);
      case 'rust': return this.rustTest(source, p);
      case 'c': case 'cpp': return this.cTest(p, stem);
      case 'csharp': return this.underTestDir(p, ['Tests', 'Test', 'Specs', 'Spec'].map((s) => `${stem}${s}.cs`));
      case 'ruby': return this.besideOrUnderTestDir(p, [`test_${stem}.rb`, `${stem}_test.rb`, `${stem}_spec.rb`, `spec_${stem}.rb`]);
      case 'php': return this.besideOrUnderTestDir(p, [`${stem}Test.php`, `${stem}Tests.php`]);
      case 'swift': return this.besideOrUnderTestDir(p, [`${stem}Tests.swift`, `${stem}Test.swift`]);
      default: return undefined;
    }
  }

  /**
   * A test under a test folder with the source's very stem, in any language: `test/unit/adapters/fetch.js` for
   * `lib/adapters/fetch.js`, redis's `tests/unit/expire.tcl` for `src/expire.c`. It must belong to a folder holding
   * the source (testOwner), and a generic stem shared by several sources also needs the parent folder's name.
   */
  private sameStemTest(p: Parsed): string | undefined {
    const stem = matchStem(p.stem, p.ext).toLowerCase();
    if (stem.length < 3) return undefined;
    const source = join(p.dir, p.name);
    const parent = p.dirs[p.dirs.length - 1]?.toLowerCase();
    const ambiguous = GENERIC_STEMS.has(stem) && (this.sourceNames.get(p.name.toLowerCase()) ?? 0) > 1;
    return this.testsByStem.get(stem)?.find((test) => {
      const owner = testOwner(test);
      if (owner !== '' && !source.startsWith(`${owner}/`)) return false;
      return !ambiguous || (parent !== undefined && test.toLowerCase().split('/').includes(parent));
    });
  }

  hasTestFile(source: string): boolean {
    return this.findTestFile(source) !== undefined;
  }

  /** The Rust files with inline tests known so far. */
  inlineTestFiles(): string[] {
    return [...this.inlineTests];
  }

  /** Every tracked test file in a supported language, in no particular order. */
  /**
   * The share of the repository's test files (of any language, Tcl suites and shell tests too) written in `language`
   * (C and C++ count together), and how many test files there are in all.
   */
  testShare(language: SourceLanguage): { readonly share: number; readonly tests: number } {
    const family = (l: SourceLanguage | undefined) => (l === 'c' || l === 'cpp' ? 'c' : l === 'ts' ? 'js' : l);
    let known = this.shares.get(family(language)!);
    if (!known) {
      const all = this.testFiles();
      const own = all.filter((file) => family(languageOf(file)) === family(language)).length;
      const tests = all.length + this.otherTests.size;
      known = { share: tests === 0 ? 0 : own / tests, tests };
      this.shares.set(family(language)!, known);
    }
    return known;
  }

  testFiles(): string[] {
    return [...this.testsByName.values()].flat();
  }

  private firstExisting(paths: readonly string[]): string | undefined {
    return paths.find((candidate) => this.all.has(candidate));
  }

  private besideOrUnderTestDir(p: Parsed, names: readonly string[]): string | undefined {
    return this.firstExisting(names.map((n) => join(p.dir, n))) ?? this.underTestDir(p, names);
  }

  /**
   * A test file with one of `names` under a test folder; for a generic stem shared by several sources the test's path
   * must also mention the source's parent folder, else every `index.ts` would match any `index.test.ts`.
   */
  private underTestDir(p: Parsed, names: readonly string[]): string | undefined {
    const parent = p.dirs[p.dirs.length - 1]?.toLowerCase();
    const ambiguous = GENERIC_STEMS.has(matchStem(p.stem).toLowerCase()) && (this.sourceNames.get(p.name.toLowerCase()) ?? 0) > 1;
    for (const name of names) {
      for (const candidate of this.testsByName.get(name.toLowerCase()) ?? []) {
        const cp = parse(candidate);
        if (!cp.dirs.some(isTestDirName) && cp.dir !== p.dir) continue;
        if (ambiguous && !(parent && cp.dirs.some((d) => d.toLowerCase() === parent))) continue;
        return candidate;
      }
    }
    return undefined;
  }

  private jsTest(p: Parsed): string | undefined {
    if (!this.testNameStems.has(p.stem.toLowerCase().split('.')[0]!)) return undefined;
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
    return this.goTestsByDir.get(p.dir)?.find((c) => c.startsWith(prefix) && c.endsWith('_test.go'));
  }

  /**
   * `src/main/…` ↔ `src/test/…`, and Kotlin Multiplatform's `src/<platform>Main/…` ↔ any `src/<platform>Test/…` of the
   * same module with the same package folders; else the names anywhere under a test folder.
   */
  private jvmTest(p: Parsed, stem: string): string | undefined {
    const exts = p.ext === 'scala' ? ['scala'] : ['kt', 'java'];
    const names = exts.flatMap((ext) => ['Test', 'Tests', 'IT', 'Spec', 'Suite'].map((s) => `${stem}${s}.${ext}`).concat(`Test${stem}.${ext}`));
    const srcAt = p.dirs.lastIndexOf('src');
    const set = srcAt >= 0 ? p.dirs[srcAt + 1] : undefined;
    if (set !== undefined && (set === 'main' || /^[a-z][A-Za-z0-9]*Main$/.test(set))) {
      const module = p.dirs.slice(0, srcAt).join('/');
      const packagePath = p.dirs.slice(srcAt + 2).join('/');
      for (const name of names) {
        for (const candidate of this.testsByName.get(name.toLowerCase()) ?? []) {
          const cp = parse(candidate);
          const cSrc = cp.dirs.lastIndexOf('src');
          if (cSrc < 0 || cp.dirs.slice(0, cSrc).join('/') !== module || !/^(?:test|[a-z][A-Za-z0-9]*Test)$/.test(cp.dirs[cSrc + 1] ?? '')) continue;
          if (cp.dirs.slice(cSrc + 2).join('/') === packagePath) return candidate;
        }
      }
    }
    return this.underTestDir(p, names);
  }

  private cTest(p: Parsed, stem: string): string | undefined {
    const forms = [`${stem}_test`, `${stem}_unittest`, `${stem}-test`, `${stem}_tests`, `${stem}-tests`, `test_${stem}`, `test-${stem}`, `${stem}Test`, `${stem}Tests`];
    const names = forms.flatMap((form) => ['c', 'cc', 'cpp', 'cxx'].map((ext) => `${form}.${ext}`));
    return this.besideOrUnderTestDir(p, names);
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
