import { strict as assert } from 'node:assert';
import { coChangedTests, MAX_CO_CHANGE_FILES, namedAlike, relatedTest } from '../../../src/core/coChange';

/** Commit records over a file table, as the history cache keeps them. */
function history(commits: ReadonlyArray<readonly string[]>) {
  const files: string[] = [];
  const at = (file: string) => (files.includes(file) ? files.indexOf(file) : files.push(file) - 1);
  return { files, commits: commits.map((list) => ({ f: list.map(at) })) };
}

describe('coChange: tests changed in the same commits', () => {
  it('counts a source as tested after two commits with related tests, naming the one changed with it most', () => {
    const h = history([
      ['lib/request.js', 'test/req.fresh.js'],
      ['lib/request.js', 'test/req.protocol.js', 'test/req.fresh.js'],
      ['lib/request.js', 'History.md'],
      ['lib/view.js', 'test/app.render.js'],
      ['lib/view.js', 'README.md'],
    ]);
    const found = coChangedTests(h.commits, h.files, ['lib/request.js', 'lib/view.js']);
    assert.deepEqual(found.get('lib/request.js'), { commits: 2, testFile: 'test/req.fresh.js' });
    assert.equal(found.has('lib/view.js'), false, 'once is not enough');
  });

  it('takes one commit with a test named like the file, as express names its tests (test/req.fresh.js for lib/request.js)', () => {
    const h = history([['lib/request.js', 'test/req.fresh.js'], ['lib/view.js', 'test/app.render.js'], ['lib/application.js', 'test/app.render.js']]);
    const found = coChangedTests(h.commits, h.files, ['lib/request.js', 'lib/view.js', 'lib/application.js']);
    assert.deepEqual(found.get('lib/request.js'), { commits: 1, testFile: 'test/req.fresh.js' });
    assert.deepEqual(found.get('lib/application.js'), { commits: 1, testFile: 'test/app.render.js' });
    assert.equal(found.has('lib/view.js'), false);
    assert.ok(namedAlike('src/sds.c', 'tests/sds_test.c'));
    assert.ok(!namedAlike('src/t_string.c', 'tests/unit/type/string.tcl'));
    assert.ok(!namedAlike('src/ab.c', 'tests/ab_test.c'), 'two letters say nothing');
  });

  it('ignores sweeping commits, build files in test folders, and tests of another package', () => {
    const sweep = ['src/a.ts', 'test/a.test.ts', ...Array.from({ length: MAX_CO_CHANGE_FILES }, (_, i) => `src/f${i}.ts`)];
    const h = history([
      sweep, sweep,
      ['src/b.cs', 'test/B.Specs/B.Specs.csproj'], ['src/b.cs', 'test/B.Specs/B.Specs.csproj'],
      ['crates/core/flags.rs', 'crates/ignore/tests/walk.rs'], ['crates/core/flags.rs', 'crates/ignore/tests/walk.rs'],
      ['crates/core/hiargs.rs', 'tests/regression.rs'], ['crates/core/hiargs.rs', 'tests/regression.rs'],
    ]);
    const found = coChangedTests(h.commits, h.files, ['src/a.ts', 'src/b.cs', 'crates/core/flags.rs', 'crates/core/hiargs.rs']);
    assert.deepEqual([...found.keys()], ['crates/core/hiargs.rs']);
  });

  it('relates a test to the folder that holds its test folder, or to its own folder', () => {
    assert.ok(relatedTest('src/server.c', 'tests/unit/type/string.tcl'));
    assert.ok(relatedTest('gson/src/main/java/A.java', 'gson/src/test/java/ATest.java'));
    assert.ok(relatedTest('okio/src/commonMain/kotlin/okio/Buffer.kt', 'okio/src/jvmTest/kotlin/okio/BufferTest.kt'));
    assert.ok(relatedTest('pkg/a.go', 'pkg/b_test.go'));
    assert.ok(!relatedTest('proto/src/main/java/P.java', 'gson/src/test/java/ATest.java'));
    assert.ok(!relatedTest('src/c/x.ts', 'src/a/b.test.ts'));
  });
});
