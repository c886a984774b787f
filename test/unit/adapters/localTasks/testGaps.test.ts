import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { collectLocalCandidates } from '../../../../src/adapters/localTasks';
import { readTestReferences } from '../../../../src/adapters/localTasks/testFiles';
import { UntestedSourceJudge } from '../../../../src/adapters/localTasks/untestedSources';
import { estimate } from '../../../../src/core/estimate';
import type { TaskCandidate, TestGapSignals } from '../../../../src/core/tasks';
import { TestFileIndex } from '../../../../src/core/testFileMatch';
import { pyFunction, tsFunction } from '../../helpers/codeSamples';
import { TempRepos } from './gitRepo';

const statements = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join('\n');
/** A function body of `n` statements in the C family, indented by `pad`. */
const cBody = (n: number, pad: string) => statements(n, (i) => `${pad}x${i} = x${i} + ${i};`);

const sources = {
  js: (name: string) => `'use strict';\nmodule.exports = function ${name}(req) {\n${statements(16, (i) => `  var v${i} = req.v${i} || ${i};`)}\n  return v0;\n};\n`,
  java: (pkg: string, type: string) => `package ${pkg};\n\npublic final class ${type} {\n  public int run(int x0) {\n${cBody(16, '    ')}\n    return x0;\n  }\n}\n`,
  kotlin: (type: string) => `package okio\n\nclass ${type} {\n  fun run(x0: Int): Int {\n${statements(16, (i) => `    val y${i} = x0 + ${i}`)}\n    return x0\n  }\n}\n`,
  rust: (extra = '') => `pub fn run(x: u32) -> u32 {\n${statements(16, (i) => `    let y${i} = x + ${i};`)}\n    x\n}\n${extra}`,
  c: (name: string) => `#include "sds.h"\n\nint ${name}(int x0)\n{\n${cBody(16, '    ')}\n    return x0;\n}\n`,
  go: (name: string) => `package cobra\n\nfunc ${name}(x0 int) int {\n${statements(16, (i) => `\tx0 = x0 + ${i}`)}\n\treturn x0\n}\n`,
};

describe('local tasks: test gaps decided by evidence (real repositories)', function () {
  this.timeout(30_000);
  let repos: TempRepos;
  beforeEach(() => { repos = new TempRepos(); });
  afterEach(() => repos.dispose());

  const gaps = (list: readonly TaskCandidate[]) => list.filter((c) => c.signals.kind === 'testGap');

  it('suggests only the files no test names, imports, uses or changes with, and that are worth a test', async () => {
    const repo = repos.init('evidence');
    repos.commit(repo, 'start', 40, {
      // JS: co-changed twice with tests (express's request.js), once only, and required by a test under another name.
      'lib/request.js': sources.js('request'), 'lib/router.js': sources.js('router'),
      'test/req.fresh.js': "it('fresh', () => {});\n", 'test/app.js': "const router = require('../lib/router');\n",
      // Python: a generic name that only one source has, and a module imported by a test.
      'src/flask/helpers.py': pyFunction('get_root_path'), 'src/flask/ctx.py': pyFunction('push'), 'src/flask/__init__.py': 'from .app import Flask\n',
      'tests/test_helpers.py': 'def test_root(): pass\n', 'tests/test_basic.py': 'from flask import ctx\n',
      // Java: a class used by a functional test, and files with nothing to test.
      'gson/src/main/java/com/g/Gson.java': sources.java('com.g', 'Gson'),
      'gson/src/main/java/com/g/JsonSerializer.java': 'package com.g;\n\npublic interface JsonSerializer<T> {\n  Object serialize(T src);\n}\n',
      'gson/src/main/java/com/g/Expose.java': 'package com.g;\n\npublic @interface Expose {\n  boolean serialize() default true;\n}\n',
      'gson/src/main/java/com/g/JsonParseException.java': 'package com.g;\n\npublic class JsonParseException extends RuntimeException {\n  public JsonParseException(String m) {\n    super(m);\n  }\n}\n',
      'gson/src/main/java/com/g/package-info.java': '/** Gson. */\npackage com.g;\n',
      'gson/src/test/java/com/g/functional/ObjectTest.java': 'package com.g.functional;\n\nimport com.g.Gson;\n\nclass ObjectTest { Gson gson = new Gson(); }\n',
      // Rust: #[test] functions in the file, a mod/use lib.rs, and a file with neither.
      'crates/a/src/walk.rs': sources.rust('\n#[test]\nfn walks() {\n    assert_eq!(run(1), 1);\n}\n'),
      'crates/a/src/lib.rs': 'mod dir;\nmod walk;\npub use walk::run;\n', 'crates/a/src/dir.rs': sources.rust(),
      // Kotlin Multiplatform: a jvmTest for a commonMain class; testing support is never a gap.
      'okio/src/commonMain/kotlin/okio/Buffer.kt': sources.kotlin('Buffer'), 'okio/src/jvmTest/kotlin/okio/BufferTest.kt': 'package okio\n\nclass BufferTest\n',
      'okio-testing-support/src/commonMain/kotlin/okio/TestingCommon.kt': sources.kotlin('TestingCommon'),
      // C: a test includes the source's header. Go: a package test calls the function.
      'src/sds.c': sources.c('sdsnew'), 'src/sds.h': 'int sdsnew(int x0);\n', 'tests/unit/strings.c': '#include "../../src/sds.h"\n',
      'cobra/args.go': sources.go('ExactArgs'), 'cobra/cobra_test.go': 'package cobra\n\nfunc TestArgs(t *testing.T) {\n\tExactArgs(1)\n}\n',
      // Too small to be worth a task.
      'src/tiny.ts': 'export function tiny(a: number): number {\n  return a + 1;\n}\n',
    });
    repos.commit(repo, 'add views', 30, { 'lib/view.js': sources.js('view') });
    repos.commit(repo, 'fix: fresh check', 20, { 'lib/request.js': sources.js('request2'), 'lib/view.js': sources.js('view2'), 'test/req.fresh.js': "it('fresh2', () => {});\n" });
    repos.commit(repo, 'protocol', 10, { 'lib/request.js': sources.js('request3'), 'test/req.protocol.js': "it('protocol', () => {});\n" });

    const result = await collectLocalCandidates(repo, { git: repos.gateway() });
    assert.deepEqual(result.problems, []);
    assert.deepEqual(gaps(result.candidates).map((c) => c.title).sort(), ['Add tests for crates/a/src/dir.rs', 'Add tests for lib/view.js']);
    const view = gaps(result.candidates).find((c) => c.title.endsWith('lib/view.js'))!.signals as TestGapSignals;
    assert.deepEqual(view.evidenceChecked, ['name', 'import', 'coChange']);
    assert.equal(view.testEvidence, undefined);
    assert.deepEqual(view.scope, { logicLines: 17, functions: 1, branches: 16 });
    const rust = gaps(result.candidates).find((c) => c.title.endsWith('dir.rs'))!.signals as TestGapSignals;
    assert.deepEqual(rust.evidenceChecked, ['name', 'inline', 'coChange']);
  });

  it('claims no C file untested when the tests drive the program from outside (a Tcl suite), and does when they are C', async () => {
    const tcl: Record<string, string> = {};
    for (let i = 0; i < 12; i++) tcl[`tests/unit/type${i}.tcl`] = `test {type ${i}} { r ping }\n`;
    const outside = repos.init('outside');
    repos.commit(outside, 'start', 10, { 'src/sync.c': sources.c('syncRead'), ...tcl });
    assert.deepEqual(gaps((await collectLocalCandidates(outside, { git: repos.gateway() })).candidates), []);
    const inside = repos.init('inside');
    const cTests: Record<string, string> = {};
    for (let i = 0; i < 12; i++) cTests[`tests/t${i}_test.c`] = `int t${i}(void) { return 0; }\n`;
    repos.commit(inside, 'start', 10, { 'src/sync.c': sources.c('syncRead'), ...cTests });
    assert.deepEqual(gaps((await collectLocalCandidates(inside, { git: repos.gateway() })).candidates).map((c) => c.title), ['Add tests for src/sync.c']);
  });

  it('leaves out internal machinery and deprecated classes: their public API\'s tests reach them, or they are going', async () => {
    const repo = repos.init('surface');
    const javaClass = (modifiers: string, name: string, doc = '') => [
      'package a;', '', doc, `${modifiers}class ${name} {`, '  int run(int x) {', '    int y = 0;',
      ...Array.from({ length: 16 }, (_, i) => `    if (x == ${i}) { y += ${i}; }`), '    return y;', '  }', '}', '',
    ].join('\n');
    repos.commit(repo, 'start', 10, {
      'src/main/java/a/Public.java': javaClass('public ', 'Public'),
      'src/main/java/a/Hidden.java': javaClass('final ', 'Hidden'),
      'src/main/java/a/Old.java': javaClass('public ', 'Old', '/** @deprecated use Public */'),
    });
    const result = await collectLocalCandidates(repo, { git: repos.gateway() });
    assert.deepEqual(gaps(result.candidates).map((c) => c.title), ['Add tests for src/main/java/a/Public.java']);
  });

  it('looks before the window for the files it would call untested: two older commits with tests are evidence', async () => {
    const repo = repos.init('older');
    repos.commit(repo, 'start', 600, { 'src/map.ts': tsFunction('map'), 'src/lone.ts': tsFunction('lone'), 'test/maps.test.ts': "it('maps', () => {});\n" });
    repos.commit(repo, 'map nulls', 500, { 'src/map.ts': tsFunction('map', { version: 1 }), 'test/maps.test.ts': "it('maps nulls', () => {});\n" });
    repos.commit(repo, 'map keys', 450, { 'src/map.ts': tsFunction('map', { version: 2 }), 'test/maps.test.ts': "it('maps keys', () => {});\n" });
    repos.commit(repo, 'recent', 10, { 'src/map.ts': tsFunction('map', { version: 3 }), 'src/lone.ts': tsFunction('lone', { version: 1 }) });
    const git = repos.gateway();
    const result = await collectLocalCandidates(repo, { git });
    assert.deepEqual(gaps(result.candidates).map((c) => c.title), ['Add tests for src/lone.ts']);
    const olderWalks = () => git.calls.filter((args) => args.includes('--full-diff')).length;
    assert.equal(olderWalks(), 1, 'one walk over the older history, for the files about to be suggested');
    // A refresh that reuses the verdicts does not walk the older history again.
    git.calls.length = 0;
    const again = await collectLocalCandidates(repo, { git, historyCache: result.historyCache });
    assert.deepEqual(gaps(again.candidates).map((c) => c.title), ['Add tests for src/lone.ts']);
    assert.equal(olderWalks(), 0);
  });

  it('names the weightiest function of a big file, with an estimate above a small file\'s', async () => {
    const repo = repos.init('big');
    const big = [
      ...Array.from({ length: 12 }, (_, i) => tsFunction(`step${i}`, { statements: 20 })),
      'export function parse(items: number[]): number {',
      ...Array.from({ length: 20 }, (_, i) => `  if (items[${i}] > ${i}) items[${i}] = ${i};`),
      '  return items.length;',
      '}',
    ].join('\n');
    repos.commit(repo, 'start', 10, { 'src/big.ts': big, 'src/small.ts': tsFunction('small') });
    const result = await collectLocalCandidates(repo, { git: repos.gateway() });
    const found = gaps(result.candidates);
    const bigGap = found.find((c) => c.location?.file.endsWith('big.ts'))!;
    const smallGap = found.find((c) => c.location?.file.endsWith('small.ts'))!;
    assert.equal(bigGap.title, 'Add tests for parse in src/big.ts');
    assert.equal(bigGap.id, `testGap:${repo}:src/big.ts`, 'the id stays the file\'s');
    const parseLine = big.split('\n').indexOf('export function parse(items: number[]): number {') + 1;
    assert.deepEqual(bigGap.location, { file: path.join(repo, 'src/big.ts'), line: parseLine, endLine: parseLine + 22 });
    assert.equal((bigGap.signals as TestGapSignals).functionName, 'parse');
    assert.equal(smallGap.title, 'Add tests for src/small.ts');
    assert.ok(estimate(bigGap.signals).minutes > estimate(smallGap.signals).minutes, `${estimate(bigGap.signals).minutes} vs ${estimate(smallGap.signals).minutes}`);
  });

  it('reads test files up to a budget, and then stops claiming that none imports a file', async () => {
    const repo = repos.init('budget');
    repos.write(repo, { 'src/a.ts': tsFunction('a'), 'src/b.ts': tsFunction('b'), 'test/a.test.ts': "import { a } from '../src/a';\n" });
    const tracked = ['src/a.ts', 'src/b.ts', 'test/a.test.ts'];
    const full = await readTestReferences(repo, tracked);
    assert.equal(full.complete, true);
    assert.equal(full.index.importerOf('src/a.ts'), 'test/a.test.ts');
    const cut = await readTestReferences(repo, tracked, { maxChars: 0 });
    assert.equal(cut.complete, false);

    const names = new TestFileIndex(tracked);
    const judge = (references: typeof full, maxReads?: number) =>
      new UntestedSourceJudge(repo, { names, coChanges: new Map() }, async () => references, { coverageReports: false, ...(maxReads === undefined ? {} : { maxReads }) });
    assert.deepEqual([...(await judge(full).untested(['src/a.ts', 'src/b.ts'])).keys()], ['src/b.ts']);
    const unsure = await judge(cut).untested(['src/a.ts', 'src/b.ts']);
    assert.deepEqual(unsure.get('src/b.ts')?.evidenceChecked, ['name', 'coChange'], 'imports unread: not claimed');
    const capped = judge(full, 0);
    assert.equal((await capped.untested(['src/b.ts'])).size, 0, 'a file not read is not suggested');
    assert.deepEqual([...capped.verdicts], [['src/b.ts', null]]);
  });

  it('reuses the verdicts while HEAD and the work tree are unchanged, without reading the files again', async () => {
    const repo = repos.init('reuse');
    repos.commit(repo, 'start', 10, { 'src/a.ts': tsFunction('a'), 'src/b.ts': tsFunction('b'), 'test/b.test.ts': "import { b } from '../src/b';\n" });
    const first = await collectLocalCandidates(repo, {});
    assert.deepEqual(gaps(first.candidates).map((c) => c.title), ['Add tests for src/a.ts']);
    assert.deepEqual(first.historyCache?.sources?.gapVerdicts?.map(([file, verdict]) => [file, verdict !== null]).sort(), [['src/a.ts', true], ['src/b.ts', false]]);
    // git no longer looks at src/a.ts: a change to it cannot show in the status, so only a new read would see it.
    repos.git(repo, ['update-index', '--assume-unchanged', 'src/a.ts']);
    repos.write(repo, { 'src/a.ts': 'export const a = 1;\n' });
    const again = await collectLocalCandidates(repo, { historyCache: JSON.parse(JSON.stringify(first.historyCache)) });
    assert.deepEqual(gaps(again.candidates).map((c) => c.title), ['Add tests for src/a.ts'], 'the verdict was reused, the file not read');
    // A visible change (a new commit) judges again.
    repos.commit(repo, 'tidy', 5, { 'src/c.ts': 'export const c = 1;\n' });
    const after = await collectLocalCandidates(repo, { historyCache: again.historyCache });
    assert.deepEqual(gaps(after.candidates).map((c) => c.title), [], 'read again: src/a.ts is now a one-line file');
  });
});
