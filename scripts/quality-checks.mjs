// The automatic defect checks of `npm run eval:quality`: is a suggested task one a leader would start on?
//
// Each check is a small, transparent heuristic that reads the repository itself (git and the work tree) and the
// task as the CLI prints it (kind, location, title, reasons). None of them imports the product (src/ or dist/): a
// product bug must not be able to hide itself by being judged with its own code. They are deliberately simple, and
// wrong now and then; the hand-checked labels (bench/quality-labels.json) override them, and the harness reports how
// often the two agree.
//
// A check returns a Finding `{defect, why}` when the task has the defect, else undefined.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const DAY_MS = 86_400_000;

/** The defect classes the automatic checks find (labels may also say notWorthIt, vague or other). */
export const AUTO_DEFECTS = ['vendored', 'generated', 'wrongNoTestFile', 'wrongUntestedFunction', 'wrongRegressionClaim', 'untestable', 'cosmeticFix', 'conditionalSkip', 'skipInComment', 'notATest', 'notCode', 'duplicate', 'waitingTodo'];
export const LABEL_ONLY_DEFECTS = ['notWorthIt', 'vague', 'other'];

// ---------------------------------------------------------------------------------------------------------------
// Repository access

function cleanEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_')));
}

/** Runs git; exit codes in `ok` (default 0) return stdout, others throw. `git grep` exits 1 for "no match". */
function runGit(dir, args, ok = [0]) {
  const result = spawnSync('git', ['-c', 'core.quotePath=false', ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30, env: cleanEnv() });
  if (result.error) throw result.error;
  if (!ok.includes(result.status)) throw new Error(`git ${args.join(' ')} failed in ${dir}: ${result.stderr}`);
  return result.stdout;
}

/**
 * What the checks share for one repository at one clock: its work tree, the clock, the tracked files and which of
 * them look like tests, and the submodule paths. Built once per repository.
 */
export function repoContext(dir, { now = Date.now(), historyDays = 180 } = {}) {
  const files = runGit(dir, ['ls-files', '-z']).split('\0').filter(Boolean);
  let submodules = [];
  if (fs.existsSync(path.join(dir, '.gitmodules'))) {
    submodules = runGit(dir, ['config', '-f', '.gitmodules', '--get-regexp', '^submodule\\..*\\.path$'], [0, 1])
      .split('\n').filter(Boolean).map((line) => line.slice(line.indexOf(' ') + 1).replace(/\/+$/, ''));
  }
  return { dir, now, historyDays, files, testFiles: files.filter((f) => isTestPath(f) && CODE_FILE.test(f)), submodules, texts: new Map() };
}

/** The lines of a work-tree file (cached per context); undefined when it cannot be read. */
export function fileLines(ctx, rel) {
  if (!ctx.texts.has(rel)) {
    let lines;
    try {
      lines = fs.readFileSync(path.join(ctx.dir, rel), 'utf8').split(/\r?\n/);
    } catch {
      lines = undefined;
    }
    ctx.texts.set(rel, lines);
  }
  return ctx.texts.get(rel);
}

/** The task's file relative to the repository, with forward slashes; undefined for tasks without a file. */
export function relativePath(ctx, task) {
  const file = task.location?.file;
  if (!file) return undefined;
  const rel = path.isAbsolute(file) ? path.relative(ctx.dir, file) : file;
  return rel.split(path.sep).join('/');
}

// ---------------------------------------------------------------------------------------------------------------
// Path conventions

const segments = (rel) => rel.split('/');
const baseName = (rel) => rel.slice(rel.lastIndexOf('/') + 1);
/** File name without its extensions (`foo.test.ts` → `foo`), and without leading dashes (Kotlin `-Util.kt`). */
export const stemOf = (rel) => baseName(rel).replace(/^-+/, '').replace(/(.)\..*$/, '$1');

const TEST_DIR = /^(tests?|specs?|__tests?__|testing|testdata|test[-_]?data|test[-_]?support|testing[-_]support|test[-_]?utils?|test[-_]?helpers?|test[-_]?fixtures|testFixtures|fixtures?|mocks?|e2e|integration[-_]?tests?)$/i;
const TEST_FILE = [
  /^test_.+\.py$/, /^conftest\.py$/,
  /_test\.[a-z]+$/i, /_tests\.[a-z]+$/i, /-test\.[a-z]+$/i, /^test[-_].+\.(c|cc|cpp|h|rs|rb|php|sh|tcl|lua)$/i,
  /\.(test|spec|tests|specs)\.[a-z]+$/i,
  /_spec\.rb$/,
  /(Test|Tests|Spec|Specs|IT|TestCase|Suite)\.(java|kt|kts|cs|scala|swift|php|groovy|m|mm|fs|vb)$/,
];

/** Does the path look like a test, or code that only tests use (fixtures, fakes, test folders)? */
export function isTestPath(rel) {
  const parts = segments(rel);
  const dirs = parts.slice(0, -1);
  if (dirs.some((d) => TEST_DIR.test(d) || /[a-z]Tests?$/.test(d) || /[._-](tests?|specs?|testing)$/i.test(d))) return true;
  const name = parts[parts.length - 1];
  return TEST_FILE.some((re) => re.test(name));
}

const CODE_FILE = /\.(js|jsx|mjs|cjs|ts|tsx|mts|cts|py|go|java|kt|kts|scala|sc|rs|c|cc|cpp|cxx|h|hh|hpp|hxx|cs|fs|vb|rb|php|swift|m|mm|tcl|lua|sh|bash|pl|ex|exs|erl|clj|dart|groovy|vue|svelte)$/i;
// Helpers and data beside the tests: not the test of a source even when named like it.
const TEST_AID_DIR = /^(fixtures?|testdata|test[-_]?data|data|helpers?|support|mocks?|stubs?|test[-_]?apps?|resources)$/i;
const VENDOR_DIR = /^(deps|vendor|vendored|third[-_]?party|3rd[-_]?party|external|extern|node_modules|bower_components|Pods|Carthage)$/i;
// Folders named after libraries that projects commonly copy in whole (test frameworks, allocators, small C libraries).
const VENDORED_LIBRARY_DIR = /^(googletest|gtest|gmock|catch2?|doctest|unity|jemalloc|hiredis|linenoise|lua|zlib|sqlite3?|libuv|rapidjson|nlohmann|pybind11|eigen|boost|fmt)$/i;
const BENCH_DIR = /^(bench|benches|benchmarks?|jmh|perf|microbenchmarks?)$/i;
const EXAMPLE_DIR = /^(examples?|samples?|demos?|tutorials?|docs?|documentation|site|website|playground)$/i;
const BUILD_DIR = /^(buildSrc|build-logic|build[-_]?tools|gradle|scripts?|\.github|\.circleci|ci|\.ci|cmake)$/i;
const BUILD_FILE = /^(build\.gradle(\.kts)?|settings\.gradle(\.kts)?|setup\.py|noxfile\.py|fabfile\.py|Makefile|GNUmakefile|CMakeLists\.txt|build\.rs|Rakefile|Gemfile|.+\.gemspec|Gruntfile\.[cm]?js|gulpfile\.[cm]?js|Package\.swift|build\.sbt|build\.sc|meson\.build|configure|.+\.cmake|esbuild\.[cm]?js|Dangerfile(\.swift)?|Fastfile)$/i;
// Release, install and code-generation scripts: tooling around the product, not the product.
const TOOL_SCRIPT = /^(release|build|bump[-_]?version|publish|deploy|install|bootstrap|(generate|gen|update|make)[-_].+)\.(py|sh|bash|rb|js|mjs|cjs|pl|ps1)$/i;
const CONFIG_FILE = /\.config\.[cm]?[jt]s$|^\.[a-z]+rc\.[cm]?js$|^karma\.conf\.js$/i;
const TEST_SUPPORT_NAME = /^(Fake|Mock|Stub|Dummy|Testing)[A-Z_]|(Fake|Mock|Stub|Fixtures?|TestUtils?|TestHelpers?|Tester|TestSupport|TestCase|TestBase)$/;

// ---------------------------------------------------------------------------------------------------------------
// 1. Vendored or generated code

const GENERATED_MARKER = /@generated|DO NOT EDIT|Code generated|auto-?generated|automatically generated|generated automatically|this file (was|is) generated|generated by (the )?(protoc|bison|flex|yacc|antlr|swig|cython|thrift|re2c)/i;
// Build output and generator folders committed beside the sources.
const GENERATED_DIR = /^(dist|generated|__generated__|gen-src)$/i;
const GRAMMAR_EXTENSIONS = ['.y', '.yy', '.ypp', '.l', '.ll', '.lex', '.g4', '.g', '.jison', '.peg', '.pegjs', '.rl'];

/** The `linguist-vendored` / `linguist-generated` values git reports for `rel` (unspecified when none). */
export function linguistAttributes(ctx, rel) {
  const out = runGit(ctx.dir, ['check-attr', 'linguist-vendored', 'linguist-generated', '--', rel]);
  const values = {};
  for (const line of out.split('\n').filter(Boolean)) {
    const match = /: (linguist-[a-z]+): (.*)$/.exec(line);
    if (match) values[match[1]] = match[2];
  }
  return values;
}

const isSet = (value) => value === 'set' || value === 'true';
const isCleared = (value) => value === 'unset' || value === 'false';

/** Vendored: marked so in .gitattributes, inside a submodule, or under a well-known vendored folder (unless .gitattributes says otherwise). */
export function vendoredOrGenerated(task, ctx) {
  const rel = relativePath(ctx, task);
  if (!rel) return undefined;
  const attrs = linguistAttributes(ctx, rel);
  if (isSet(attrs['linguist-generated'])) return { defect: 'generated', why: '.gitattributes marks it linguist-generated' };
  if (isSet(attrs['linguist-vendored'])) return { defect: 'vendored', why: '.gitattributes marks it linguist-vendored' };
  const submodule = ctx.submodules.find((sub) => rel === sub || rel.startsWith(`${sub}/`));
  if (submodule) return { defect: 'vendored', why: `inside the submodule ${submodule}` };
  const folder = segments(rel).slice(0, -1).find((d) => VENDOR_DIR.test(d) || (isTestPath(rel) && VENDORED_LIBRARY_DIR.test(d)));
  if (folder && !isCleared(attrs['linguist-vendored'])) return { defect: 'vendored', why: `under a ${folder}/ folder` };
  if (/\.min\.(js|css)$/.test(rel)) return { defect: 'generated', why: 'a minified file' };
  const output = segments(rel).slice(0, -1).find((d) => GENERATED_DIR.test(d));
  if (output) return { defect: 'generated', why: `under a ${output}/ folder` };
  const head = (fileLines(ctx, rel) ?? []).slice(0, 15).join('\n');
  const marker = GENERATED_MARKER.exec(head);
  if (marker) return { defect: 'generated', why: `"${marker[0]}" in its first lines` };
  const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/') + 1) : '';
  const grammar = GRAMMAR_EXTENSIONS.map((ext) => `${dir}${stemOf(rel)}${ext}`).find((g) => g !== rel && ctx.files.includes(g));
  if (grammar) return { defect: 'generated', why: `output of the grammar ${grammar}` };
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Source text: which lines are logic

const HASH_COMMENT_EXT = /\.(py|pyi|rb|sh|bash|pl|pm|r|tcl|ya?ml|toml|cmake|mk|ps1|coffee|nim|ex|exs|jl)$/i;
const IMPORT_LINE = /^(import|package|using|use|mod|pub(\([a-z]+\))?\s+(use|mod)|extern crate|from\s+\S+\s+import|require(_relative)?\b|include|#\s*(include|import|pragma once)|@import|namespace\b|export\s+\*|export\s+(type\s+)?\{[^}]*\}\s+from|module\.exports\s*=\s*require|__all__\s*=|#\s*(ifndef|define|endif)\s+\w*_H_?\b)/;
const REEXPORT_LINE = /^(export\s+(\*|(type\s+)?\{|default\s+\w+;?$)|module\.exports\s*=|exports\.\w+\s*=\s*require|pub(\([a-z]+\))?\s+(use|mod)\b|mod\s+\w+;|__all__|from\s+\S+\s+import|import\s)/;
const PUNCTUATION_ONLY = /^[\s{}()[\];,]*$|^end$/;

/**
 * The lines of code that carry logic: comments, blank lines, lone braces, imports and package lines left out.
 * Block comments (C family), Python docstrings and Ruby =begin blocks are skipped. Returns the logic lines and the
 * count of import/re-export lines.
 */
export function logicLines(lines, rel) {
  const hashComments = HASH_COMMENT_EXT.test(rel);
  const logic = [];
  let imports = 0;
  let inBlock = false;
  let docstring = undefined;
  let rubyDoc = false;
  for (const raw of lines) {
    let line = raw.trim();
    if (rubyDoc) { if (line.startsWith('=end')) rubyDoc = false; continue; }
    if (line.startsWith('=begin')) { rubyDoc = true; continue; }
    if (docstring) { if (line.includes(docstring)) docstring = undefined; continue; }
    if (hashComments && /^("""|''')/.test(line)) {
      const quote = line.slice(0, 3);
      if (line.length < 6 || !line.slice(3).includes(quote)) docstring = quote;
      continue;
    }
    if (inBlock) {
      const end = line.indexOf('*/');
      if (end < 0) continue;
      inBlock = false;
      line = line.slice(end + 2).trim();
    }
    // Strip /* … */ pieces on the line; an unclosed one opens a block.
    for (let start = line.indexOf('/*'); start >= 0 && !hashComments; start = line.indexOf('/*')) {
      const end = line.indexOf('*/', start + 2);
      if (end < 0) { inBlock = true; line = line.slice(0, start).trim(); break; }
      line = `${line.slice(0, start)} ${line.slice(end + 2)}`.trim();
    }
    if (line.startsWith('//') || (hashComments && line.startsWith('#')) || line.startsWith('--') && /\.(lua|sql|hs)$/.test(rel)) continue;
    if (PUNCTUATION_ONLY.test(line) || /^#!?\[.*\]$/.test(line)) continue; // lone braces, Rust attributes
    if (IMPORT_LINE.test(line)) { imports++; continue; }
    logic.push(line);
  }
  return { logic, imports };
}

const BRANCH = /\b(if|else|elif|elsif|for|foreach|while|do|switch|case|match|when|catch|rescue|except|unless|until|guard|select|loop)\b|&&|\|\||\?\?|\?\s*[^:?\s.][^:]*\s:\s/;
const FUNCTION = /\bfunction\b|=>|\bdef\s|\bfunc\s|\bfn\s|\bfun\s|\bsub\s|\blambda\b|\)\s*(const\s*)?(throws\s+[\w.,\s]+)?(->\s*[\w<>[\]:&*, ]+)?\s*\{\s*(\}|$)|\)\s*\{.*\breturn\b|\breturn\b/;

/** The first reason a test-gap file is not worth testing (interface, re-export, constants, tiny…), or undefined. */
export function untestableReason(rel, lines) {
  const name = baseName(rel);
  const stem = stemOf(rel);
  const dirs = segments(rel).slice(0, -1);
  if (/^(package-info|module-info)\.java$/.test(name)) return name;
  if (isTestPath(rel) || TEST_SUPPORT_NAME.test(stem) || dirs.some((d) => /^test(ing)?[-_]?(support|utils?|helpers?|kit|lib)$/i.test(d))) return 'test-support code';
  const bench = dirs.find((d) => BENCH_DIR.test(d));
  if (bench || /bench(mark)?s?$/i.test(stem) || /^bench/i.test(stem)) return 'a benchmark';
  const example = dirs.find((d) => EXAMPLE_DIR.test(d));
  if (example) return `under ${example}/ (examples or docs)`;
  if (BUILD_FILE.test(name) || CONFIG_FILE.test(name) || TOOL_SCRIPT.test(name) || dirs.some((d) => BUILD_DIR.test(d))) return 'a build script or tool configuration';
  if (!lines) return undefined;
  const { logic, imports } = logicLines(lines, rel);
  const body = logic.join('\n');
  const reexports = logic.filter((l) => REEXPORT_LINE.test(l)).length;
  if (imports + logic.length > 0 && (imports + reexports) / (imports + logic.length) >= 0.8) return 're-exports only';
  if (/^(__init__\.py|mod\.rs)$/.test(name) && (imports + reexports) / Math.max(1, imports + logic.length) >= 0.5) return `${name} mostly re-exports`;
  const hasBranch = logic.some((l) => BRANCH.test(stripStrings(l)));
  const declares = (kinds) => new RegExp(`(^|\\s)(${kinds})\\s+[A-Za-z_]`).test(body);
  if (declares('interface|@interface|protocol|trait') && !declares('class|object|struct|enum|record|impl') && !hasBranch) return 'an interface or annotation';
  if (/(Exception|Error)$/.test(stem) && !hasBranch) return 'an exception class without logic';
  if (logic.length < 15) return `${logic.length} lines of logic`;
  if (!hasBranch && !logic.some((l) => FUNCTION.test(stripStrings(l)))) return 'declarations or constants only';
  return undefined;
}

/** Test-gap tasks on files not worth testing. */
export function untestableFile(task, ctx) {
  if (task.kind !== 'testGap') return undefined;
  const rel = relativePath(ctx, task);
  if (!rel) return undefined;
  const why = untestableReason(rel, fileLines(ctx, rel));
  return why ? { defect: 'untestable', why } : undefined;
}

/** The line without its string literals (so a word inside a message is not read as code). */
export function stripStrings(line) {
  return line.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
}

// ---------------------------------------------------------------------------------------------------------------
// 2. "No test file" claims

/** Does the task say the file has no test? (A function-level gap says its file HAS tests: wrongUntestedFunction.) */
export function claimsNoTest(task) {
  if (task.kind !== 'testGap' || untestedFunctionName(task)) return false;
  if (task.signals?.hasTestFile === false) return true;
  // A regression test's "no test file" is about its fix commit: wrongRegressionClaim judges that.
  if (regressionFix(task)) return false;
  return (task.reasons ?? []).some((r) => /\bno (test|tests|test file)\b|\buntested\b|\bwithout (a )?tests?\b/i.test(r));
}

// Stems that name no module of their own: the folder above names it (`crates/index/src/lib.rs` → `index`).
const PLACEHOLDER_STEMS = /^(index|main|mod|lib|__init__|__main__|init|src)$/i;
// Stems too common to grep as a bare word in tests (they are still matched in file names and import paths).
const COMMON_WORDS = new Set(['util', 'utils', 'common', 'types', 'type', 'core', 'base', 'api', 'internal', 'errors', 'error', 'constants', 'config', 'helpers', 'helper', 'client', 'server', 'app', 'doc', 'docs', 'data', 'options', 'context', 'request', 'response', 'test', 'tests', 'json', 'http', 'string', 'strings', 'io', 'log', 'os', 'path', 'file', 'files', 'list', 'map', 'set', 'value', 'values', 'result', 'model', 'models']);
const CONTAINER_DIRS = new Set(['src', 'lib', 'main', 'java', 'kotlin', 'scala', 'swift', 'source', 'sources', 'pkg', 'internal', 'app', 'include', 'commonMain', 'jvmMain', 'jsMain', 'nativeMain', 'com', 'org', 'net', 'io']);

/** The module name tests would use for the file: its stem, or for index/mod/lib-like files the nearest meaningful folder. */
export function moduleName(rel) {
  const stem = stemOf(rel);
  if (!PLACEHOLDER_STEMS.test(stem)) return stem;
  return segments(rel).slice(0, -1).reverse().find((d) => !CONTAINER_DIRS.has(d)) ?? stem;
}

/**
 * What a test that uses the file would contain, each matched as a whole word: the module name when it is not a
 * common word, and the import-path forms `folder/name` and `folder.name` (`lib/request`, `flask.helpers`).
 */
export function mentionPatterns(rel) {
  const name = moduleName(rel);
  const patterns = new Set();
  if (name.length >= 3 && !COMMON_WORDS.has(name.toLowerCase())) patterns.add(name);
  const dirs = segments(rel).slice(0, -1);
  const parent = PLACEHOLDER_STEMS.test(stemOf(rel)) ? dirs[dirs.lastIndexOf(name) - 1] : dirs[dirs.length - 1];
  if (parent && name !== parent) {
    patterns.add(`${parent}/${name}`);
    patterns.add(`${parent}.${name}`);
  }
  return [...patterns];
}

/**
 * Test files named after the module (`test_helpers.py`, `FooTest.java`, `foo.spec.ts`, `app.request.js`): the name
 * without its test affixes is the module's name, or one of its dot/dash/underscore parts is. Fixtures and helpers
 * beside the tests do not count.
 */
export function testFilesNamedAfter(ctx, rel) {
  const name = moduleName(rel).toLowerCase();
  if (name.length < 2) return [];
  return ctx.testFiles.filter((t) => {
    if (segments(t).slice(0, -1).some((d) => TEST_AID_DIR.test(d))) return false;
    const stem = baseName(t).toLowerCase().replace(/\.[^.]*$/, '');
    const bare = stem.replace(/^test[-_.]?|[-_.]?(tests?|specs?|it)$/g, '').replace(/[-_.]/g, '');
    if (bare === name.replace(/[-_.]/g, '')) return true;
    return name.length >= 4 && stem.split(/[-_.]/).includes(name);
  });
}

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const IMPORT_WORDS = '(import|from|require|require_relative|use|include|using|mod|load|source|extern)';

/**
 * Test files (code only) that mention the module as a whole word: a class-like name (with a capital) or an import
 * path anywhere, a lower-case module name only on an import-like line (it is too often an ordinary word).
 */
export function testFilesMentioning(ctx, rel) {
  const patterns = mentionPatterns(rel);
  if (patterns.length === 0 || ctx.testFiles.length === 0) return [];
  const anywhere = patterns.filter((p) => /[A-Z/.]/.test(p));
  const onImports = patterns.filter((p) => !/[A-Z/.]/.test(p));
  const hits = new Set();
  if (anywhere.length) {
    const args = ['grep', '-l', '-w', '-F', '-I'];
    for (const pattern of anywhere) args.push('-e', pattern);
    for (const f of runGit(ctx.dir, [...args, '--'], [0, 1]).split('\n')) hits.add(f);
  }
  for (const word of onImports) {
    const out = runGit(ctx.dir, ['grep', '-l', '-w', '-E', '-I', '-e', escapeRegex(word), '--and', '-e', IMPORT_WORDS, '--'], [0, 1]);
    for (const f of out.split('\n')) hits.add(f);
  }
  const tests = new Set(ctx.testFiles);
  return [...hits].filter((f) => f && f !== rel && tests.has(f)).sort();
}

/** Commits (of the last 200, with at most 30 files each: sweeping ones say nothing) that changed the file together with a test file. */
export function coChangedWithTests(ctx, rel) {
  const out = runGit(ctx.dir, ['log', '--no-merges', '-n', '200', '--full-diff', '--name-only', '--format=%x00%H', 'HEAD', '--', rel]);
  let count = 0;
  for (const chunk of out.split('\0').slice(1)) {
    const files = chunk.split('\n').slice(1).filter(Boolean);
    if (files.length <= 30 && files.some((f) => f !== rel && isTestPath(f))) count++;
  }
  return count;
}

/** Rust and similar: tests inside the source file itself. */
export function hasInFileTests(lines) {
  return (lines ?? []).some((l) => /^\s*#\[(cfg\(test\)|test)\]/.test(l));
}

/** The evidence that the file is tested after all, or undefined when none is found. */
export function testEvidence(ctx, rel) {
  if (hasInFileTests(fileLines(ctx, rel))) return 'tests inside the file (#[cfg(test)])';
  const named = testFilesNamedAfter(ctx, rel);
  if (named.length) return `test file named after it: ${named.slice(0, 2).join(', ')}`;
  const mentions = testFilesMentioning(ctx, rel);
  if (mentions.length) return `${mentions.length} test file(s) mention ${mentionPatterns(rel).join(' or ')}: ${mentions.slice(0, 2).join(', ')}`;
  const together = coChangedWithTests(ctx, rel);
  if (together >= 2) return `changed together with test files in ${together} commits`;
  return undefined;
}

/** A "no test file" claim on a file that tests do cover. */
export function wrongNoTestFile(task, ctx) {
  if (!claimsNoTest(task)) return undefined;
  const rel = relativePath(ctx, task);
  if (!rel) return undefined;
  const evidence = testEvidence(ctx, rel);
  return evidence ? { defect: 'wrongNoTestFile', why: evidence } : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// 2b. "No test names this function" claims

/**
 * The bare name a function-level test gap says no test names (`signals.untestedFunction`: its `bareName`, else the
 * last part of its `name`), or undefined for any other task.
 */
export function untestedFunctionName(task) {
  const fn = task.kind === 'testGap' ? task.signals?.untestedFunction : undefined;
  if (!fn) return undefined;
  return fn.bareName ?? String(fn.name ?? '').split(/\.|::|#/).pop() ?? undefined;
}

/**
 * A "no test names f" claim where a test-looking file of the repository (any language, code, strings or comments)
 * does contain `f` as a whole word: `git grep -w -F` over the tracked files, kept to test paths.
 */
export function wrongUntestedFunction(task, ctx) {
  const name = untestedFunctionName(task);
  if (!name) return undefined;
  const out = runGit(ctx.dir, ['grep', '-l', '-w', '-F', '-I', '-e', name, '--'], [0, 1]);
  const naming = out.split('\n').filter((file) => file && isTestPath(file));
  return naming.length ? { defect: 'wrongUntestedFunction', why: `${naming.slice(0, 2).join(', ')}${naming.length > 2 ? ` and ${naming.length - 2} more` : ''} name${naming.length === 1 ? 's' : ''} ${name}` } : undefined;
}

// 2c. Regression tests for fixes that came without one

/** The fix a regression-test task names (`signals.regressionFor`: `{hash, file}`), or undefined for other tasks. */
export function regressionFix(task) {
  const fix = task.kind === 'testGap' ? task.signals?.regressionFor : undefined;
  return fix && typeof fix.hash === 'string' ? fix : undefined;
}

/** Files a commit changed (its own, by their names after it). */
function filesOfCommit(ctx, hash) {
  return runGit(ctx.dir, ['show', '--no-renames', '--name-only', '--format=', hash]).split('\n').filter(Boolean);
}

/**
 * A regression-test task whose claim git does not bear out: the fix commit it names changed a test-looking file
 * (a test, a fixture, test data), or did not change the file the task names; or a later commit changed a test-looking
 * file together with the task's file (the test may have come afterwards).
 */
export function wrongRegressionClaim(task, ctx) {
  const fix = regressionFix(task);
  const rel = relativePath(ctx, task);
  if (!fix || !rel) return undefined;
  const short = fix.hash.slice(0, 7);
  const defect = (why) => ({ defect: 'wrongRegressionClaim', why });
  if (runGit(ctx.dir, ['cat-file', '-t', fix.hash], [0, 1, 128]).trim() !== 'commit') return defect(`no commit ${short} in the repository`);
  const files = filesOfCommit(ctx, fix.hash);
  const test = files.find((f) => isTestPath(f));
  if (test) return defect(`${short} changed the test-looking ${test}`);
  const changed = typeof fix.file === 'string' ? fix.file : rel;
  if (!files.includes(changed)) return defect(`${short} did not change ${changed}`);
  const later = runGit(ctx.dir, ['log', '--no-merges', '--full-diff', '--name-only', '--format=%x00%H', `${fix.hash}..HEAD`, '--', rel]);
  for (const chunk of later.split('\0').slice(1)) {
    const [hash = '', ...names] = chunk.split('\n');
    const laterTest = names.find((f) => f && f !== rel && isTestPath(f));
    if (laterTest) return defect(`a later commit, ${hash.slice(0, 7)}, changed ${laterTest} together with ${rel}`);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Cosmetic "fixes"

const FIX_WORD = /\b(fix(e[sd])?|fixing|bugs?|bugfix(es)?|hotfix(es)?|crash(es|ed)?|regressions?|patch(es|ed)?|repair(s|ed)?|resolves?d?|broken|defects?)\b/i;
const COSMETIC = [
  /^(docs?|chore|ci|style|build|deps|lint)(\([^)]*\))?!?:/i,
  /\b(typos?|misspell(ed|ing)?s?|spelling|grammar|grammatical|wording|javadoc|kdoc|docstrings?|rustdoc|doc ?comments?|docs|documentation|readme|changelog)\b/i,
  /\b(fix(ed|es)?|update[sd]?|improve[sd]?|clarif(y|ied|ies)|reword(ed)?|correct(ed)?)\s+(the\s+|a\s+|some\s+)?(doc|comments?)\b/i,
  /\bin (the |a )?(doc|comments?)\b/i,
  /\b(lint(s|er|ing)?|eslint|tslint|clippy|checkstyle|ktlint|detekt|rubocop|phpstan|psalm|pylint|flake8|mypy|golangci|staticcheck|vet)\b/i,
  /\b(format(ting)?|reformat(ted)?|prettier|gofmt|rustfmt|clang-format|black|whitespace|indentation|trailing spaces?|code style)\b/i,
  /\b(fix(e[sd])?|repair|unbreak)\s+(the\s+|a\s+)?(ci|build|builds|compilation|compile errors?|tests? on ci)\b/i,
  /\b(ci|workflows?|github actions|travis|appveyor|circleci|compiler warnings?|warnings?)\b/i,
  /\b(deps|dependenc(y|ies)|bump(s|ed)?|upgrade (to|dependencies)|renovate|dependabot)\b/i,
  /\b(license|copyright)\b/i,
];

/** A commit subject that is about text, tooling or dependencies, not behaviour. */
export function isCosmeticSubject(subject, author = '') {
  if (/\[bot\]|dependabot|renovate|github-actions/i.test(author)) return true;
  return COSMETIC.some((re) => re.test(subject));
}

export function isFixSubject(subject) {
  return FIX_WORD.test(subject);
}

/** `{hash, author, subject}` of commits touching `rel`: the named ones, the last `count`, or those in the window. */
export function commitsTouching(ctx, rel, { hashes = [], count } = {}) {
  const format = '--format=%H%x09%an%x09%s';
  let out;
  if (hashes.length) out = runGit(ctx.dir, ['log', '--no-walk=unsorted', format, ...hashes]);
  else if (count) out = runGit(ctx.dir, ['log', '--no-merges', '-n', String(count), format, 'HEAD', '--', rel]);
  else {
    const since = new Date(ctx.now - ctx.historyDays * DAY_MS).toISOString();
    const until = new Date(ctx.now).toISOString();
    out = runGit(ctx.dir, ['log', '--no-merges', `--since=${since}`, `--until=${until}`, format, 'HEAD', '--', rel]);
  }
  return out.split('\n').filter(Boolean).map((line) => {
    const [hash, author, ...subject] = line.split('\t');
    return { hash, author, subject: subject.join('\t') };
  });
}

/** Commit hashes (7+ hex digits) a reason names that exist in the repository. */
function namedCommits(ctx, reasons) {
  const candidates = [...new Set(reasons.join(' ').match(/\b[0-9a-f]{7,40}\b/g) ?? [])];
  return candidates.filter((h) => runGit(ctx.dir, ['cat-file', '-t', h], [0, 1, 128]).trim() === 'commit');
}

/**
 * A reason that counts fixes ("…, 2 of them fixes") where the file's fix commits are all cosmetic (typo, docs, lint,
 * CI, build, deps, bots). The commits read are the ones the reason names by hash, else the last N the reason says
 * ("Changed in N commits"), else those of the history window.
 */
export function cosmeticFix(task, ctx) {
  const reasons = task.reasons ?? [];
  const claim = reasons.find((r) => /\bfix(es)?\b|\bbug[- ]?fix/i.test(r) && !/\b(no|0|zero) (bug[- ]?)?fix/i.test(r));
  const counted = task.signals?.fixCommits;
  if (!claim && !(counted > 0)) return undefined;
  const rel = relativePath(ctx, task);
  if (!rel) return undefined;
  const hashes = namedCommits(ctx, reasons);
  const changed = /changed in (\d+) commits?/i.exec(reasons.join(' '));
  const commits = commitsTouching(ctx, rel, hashes.length ? { hashes } : { count: changed ? Number(changed[1]) : undefined });
  const fixes = hashes.length ? commits : commits.filter((c) => isFixSubject(c.subject));
  if (fixes.length === 0 || !fixes.every((c) => isCosmeticSubject(c.subject, c.author))) return undefined;
  return { defect: 'cosmeticFix', why: `fix commits are cosmetic: ${fixes.slice(0, 3).map((c) => `${c.hash.slice(0, 7)} "${c.subject}"`).join('; ')}` };
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Skips that are not tasks: conditional, or inside a comment

const CONDITIONAL_MARKER = /skip_?if|skip_?unless|skipIf|skipUnless|Skip\.(If|IfNot|Unless)\b|@?(Enabled|Disabled)(On|If|For|Unless)\w*|\bassume\w*|assumeThat|cfg_attr\s*\(|importorskip|onlyIf|@requires\b|requires_\w+|ConditionalFact|ConditionalTheory|SkipOnPlatform|PlatformSpecific|IgnoreOn\w+|XCTSkipIf|XCTSkipUnless/;
const CONDITION_OPENER = /^\s*(\}?\s*else\s+if|if|elif|elsif|unless|when|guard|#\s*if|#\s*ifdef|#\s*ifndef|#\s*elif|switch|case)\b/;

/** The searchable core of a skip marker: `#[ignore]` → `ignore`, `@Disabled("x")` → `Disabled`, `t.Skip` → `t.Skip`. */
export function markerCore(marker = '') {
  return marker.replace(/^#\[|^@|\]$/g, '').replace(/\(.*$/, '').trim();
}

/**
 * Is the skip marker on line `index` inside a comment or doc: a comment line, after `//` (or `#`) on the line, or in
 * a block comment or docstring still open there?
 */
export function inComment(lines, index, rel = '', marker = '') {
  const line = lines[index] ?? '';
  const trimmed = line.trim();
  const hash = HASH_COMMENT_EXT.test(rel);
  if (/^(\/\/|\/\*|\*|<!--)/.test(trimmed)) return true;
  if (hash && trimmed.startsWith('#')) return true;
  const core = markerCore(marker);
  const at = core ? line.indexOf(core) : -1;
  if (at > 0) {
    const before = stripStrings(line.slice(0, at));
    if (/(^|[^:])\/\/|\/\*(?!.*\*\/)/.test(before) || (hash && before.includes('#'))) return true;
  }
  if (hash) {
    let quote = undefined;
    for (let i = 0; i < index; i++) {
      for (const match of lines[i].matchAll(/"""|'''/g)) {
        if (!quote) quote = match[0];
        else if (quote === match[0]) quote = undefined;
      }
    }
    return quote !== undefined;
  }
  let block = false;
  for (let i = 0; i < index; i++) block = blockCommentOpenAfter(lines[i], block);
  return block;
}

/** C-family: is a block comment open at the end of `line`, given whether one was open at its start? */
export function blockCommentOpenAfter(line, open) {
  let code = stripStrings(line);
  for (;;) {
    if (open) {
      const end = code.indexOf('*/');
      if (end < 0) return true;
      open = false;
      code = code.slice(end + 2);
      continue;
    }
    const start = code.indexOf('/*');
    const lineComment = code.indexOf('//');
    if (start < 0 || (lineComment >= 0 && lineComment < start)) return false;
    open = true;
    code = code.slice(start + 2);
  }
}

/** Is the skip at line `index` taken only under a condition (platform, environment, version, short mode…)? */
export function conditionalSkipReason(lines, index) {
  const line = lines[index] ?? '';
  const code = stripStrings(line);
  const marker = CONDITIONAL_MARKER.exec(code);
  if (marker) return `conditional marker ${marker[0]}`;
  if (/\b(if|unless)\b/.test(code)) return 'the skip sits in an if on the same line';
  // The nearest code line above, skipping comments and blanks: an if (or #if) that opens the block holding the skip.
  const indent = (text) => /^\s*/.exec(text)[0].replace(/\t/g, '    ').length;
  for (let i = index - 1, seen = 0; i >= 0 && seen < 3; i--) {
    const above = lines[i];
    const trimmed = above.trim();
    if (trimmed === '' || /^(\/\/|#(?!\s*(if|ifdef|ifndef|elif)\b)|\*|\/\*)/.test(trimmed)) continue;
    seen++;
    if (CONDITIONAL_MARKER.test(stripStrings(above))) return `conditional marker above: ${trimmed.slice(0, 60)}`;
    if (CONDITION_OPENER.test(above) && (indent(above) < indent(line) || /^#/.test(trimmed))) return `inside: ${trimmed.slice(0, 60)}`;
    if (indent(above) < indent(line)) break; // the enclosing block opened without a condition (a test function)
  }
  return undefined;
}

/**
 * An attribute-style skip marker (`[Ignore]`, `@Ignore`, `#[ignore]`) that annotates no test: the next code line is
 * neither a function nor a class (e.g. a mapping library's `[Ignore]` on a property).
 */
export function annotatesNoTest(lines, index) {
  if (!/^\s*(\[|@|#\[)/.test(lines[index] ?? '')) return false;
  for (let i = index + 1; i < lines.length && i <= index + 6; i++) {
    const next = lines[i].trim();
    if (next === '' || /^(\[|@|#|\/\/|\*|\/\*)/.test(next)) continue;
    return !(/\(/.test(next) || /\b(class|object|def|fun|fn|func|function|describe|context)\b/.test(next));
  }
  return false;
}

/** A skipped-test task whose skip is conditional or only written in a comment or doc. */
export function notActionableSkip(task, ctx) {
  if (task.kind !== 'skippedTest') return undefined;
  const rel = relativePath(ctx, task);
  const lines = rel && fileLines(ctx, rel);
  if (!lines || !task.location) return undefined;
  const index = task.location.line - 1;
  if (inComment(lines, index, rel, task.signals?.marker)) return { defect: 'skipInComment', why: `line ${task.location.line} is a comment: ${lines[index].trim().slice(0, 80)}` };
  const conditional = conditionalSkipReason(lines, index);
  if (conditional) return { defect: 'conditionalSkip', why: conditional };
  if (annotatesNoTest(lines, index)) return { defect: 'notATest', why: `the marker annotates no test: ${lines.slice(index + 1).find((l) => l.trim() && !/^\s*(\[|@)/.test(l))?.trim().slice(0, 60)}` };
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// 4b. Markers in prose: a CHANGELOG heading or a README sentence is not a TODO or a skipped test

const PROSE_FILE = /\.(md|markdown|rst|txt|adoc|asciidoc|textile|rdoc|org)$|(^|\/)(CHANGELOG|CHANGES|HISTORY|NEWS|RELEASE[-_]?NOTES|AUTHORS|CONTRIBUTING|README)[^/]*$/i;

/** A TODO or skip found in documentation or release-notes text, not in code. */
export function markerInProse(task, ctx) {
  if (task.kind !== 'todo' && task.kind !== 'skippedTest') return undefined;
  const rel = relativePath(ctx, task);
  return rel && PROSE_FILE.test(rel) && !/(^|\/)(CMakeLists|requirements[^/]*)\.txt$/i.test(rel) ? { defect: 'notCode', why: `${baseName(rel)} is prose, not code` } : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// 5. TODOs waiting on a future release

const WAITS = [
  /\bnext major\b|\bmajor (version|release|bump)\b/i,
  /\b(in|for|until|after|with|before|by|at)\s+(a\s+|the\s+)?(future|next|later|new)\s+(major\s+)?(version|release)\b/i,
  /\b(in|for|until|after|with|before|by|at)\s+(a\s+|the\s+)?(v|version\s*|release\s*)\d+(\.\d+)*\b/i,
  /\b(in|for|until|after|by|with)\s+([A-Z][\w.-]*\s+)?v?\d+\.\d+(\.\d+)?\b/,
  /\(v\d+(\.\d+)*\)|^v\d+(\.\d+)*\b/i,
  /\bonce\b.{1,60}?\b(supports?|is released|gets released|lands|is available|becomes available|is stable|is merged|ships|is dropped|is removed|is deprecated|we require|we drop|we remove|is the minimum|are the minimum|goes away)\b/i,
  /\b(when|after|once)\s+(we\s+)?(drop|dropping|remove|removing|stop supporting|no longer support|require|upgrade|bump)\b/i,
  /\b(when|after|once|until)\b.{1,40}\b(is|are)\s+(eol|end[- ]of[- ]life|unsupported|no longer supported)\b/i,
  /\bbreaking change\b|\bsemver\b|\bbackwards?[- ]incompatib/i,
  /\bwait(s|ing)?\s+(for|on|until)\b.{0,40}\b(upstream|releases?|released|version|major|supports?|supported|fixe[sd]|merged?|lands|landed)\b/i,
  /\b(min(imum)?|requires?|required)\s+(python|node(\.js)?|go|java|jdk|kotlin|rust|php|ruby|swift|c\+\+|msrv)\s*\d/i,
];

/** The words of a TODO that say it waits on a release, a major version or another project; undefined when none. */
export function waitsOn(text) {
  for (const re of WAITS) {
    const match = re.exec(text);
    if (match) return match[0];
  }
  return undefined;
}

/** A TODO whose text (with the comment lines right after it) waits on a future release. */
export function waitingTodo(task, ctx) {
  if (task.kind !== 'todo') return undefined;
  const rel = relativePath(ctx, task);
  const lines = (rel && fileLines(ctx, rel)) || [];
  const index = (task.location?.line ?? 0) - 1;
  const following = [];
  for (let i = index + 1; i < lines.length && i <= index + 3 && /^\s*(\/\/|#|\*|--)/.test(lines[i]) && !/^\s*(\/\/|#|\*)\s*$/.test(lines[i]); i++) following.push(lines[i].trim().replace(/^(\/\/+|#+|\*+|--)\s*/, ''));
  const text = [task.signals?.text ?? task.title, lines[index] ?? '', ...following].join(' ');
  const words = waitsOn(text);
  return words ? { defect: 'waitingTodo', why: `waits: "${words}"` } : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// 6. Duplicates within the list

const normalise = (text) => text.toLowerCase().replace(/^(todo|fixme|bug|hack|xxx)[:\s]*/, '').replace(/\s+/g, ' ').trim();
const taskText = (task) => normalise(task.signals?.text ?? task.title ?? '');

/** For each task, the earlier task in the list it duplicates (same file and lines within ±3, or the same text), if any. */
export function duplicates(tasks, ctx) {
  return tasks.map((task, j) => {
    const rel = relativePath(ctx, task);
    if (!rel) return undefined;
    for (let i = 0; i < j; i++) {
      const other = tasks[i];
      if (relativePath(ctx, other) !== rel) continue;
      const near = Math.abs((other.location?.line ?? 0) - (task.location?.line ?? 0)) <= 3;
      if (near || taskText(other) === taskText(task)) {
        return { defect: 'duplicate', why: `same ${near ? 'place' : 'text'} as #${i + 1} (${other.kind} at line ${other.location?.line})` };
      }
    }
    return undefined;
  });
}

// ---------------------------------------------------------------------------------------------------------------

/** The per-task checks, in the order their findings are listed. */
export const TASK_CHECKS = [vendoredOrGenerated, markerInProse, wrongNoTestFile, wrongUntestedFunction, wrongRegressionClaim, untestableFile, cosmeticFix, notActionableSkip, waitingTodo];

/** Every automatic finding for each task of `tasks` (a ranked list, usually the top 10). */
export function classify(tasks, ctx) {
  const dups = duplicates(tasks, ctx);
  return tasks.map((task, i) => {
    const findings = [];
    for (const check of TASK_CHECKS) {
      const finding = check(task, ctx);
      if (finding) findings.push(finding);
    }
    if (dups[i]) findings.push(dups[i]);
    return findings;
  });
}
