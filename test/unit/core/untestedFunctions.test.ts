import { strict as assert } from 'node:assert';
import type { CallableFunction } from '../../../src/core/callableFunctions';
import { codeSizeMinutes, estimate } from '../../../src/core/estimate';
import { testGapReasons } from '../../../src/core/taskReasons';
import type { TaskCandidate, TestGapSignals } from '../../../src/core/tasks';
import { testGapValue } from '../../../src/core/taskValue';
import { functionsWorthATest, inlineTestPart, judgeFunctions, testsCallByName, WordSearch } from '../../../src/core/untestedFunctions';

function fn(bareName: string, extra: Partial<CallableFunction> = {}): CallableFunction {
  return { name: bareName, bareName, displayName: bareName, line: 1, endLine: 20, logicLines: 12, branches: 3, aliases: [], messages: [], ...extra };
}

/** A search fed with `tests` (file → text) for every word and phrase of `functions`. */
function searched(functions: readonly CallableFunction[], tests: Record<string, string>): WordSearch {
  const search = new WordSearch(functions.flatMap((f) => [f.bareName, ...f.aliases, ...(f.owner ? [f.owner] : [])]), functions.flatMap((f) => f.messages));
  for (const [file, text] of Object.entries(tests)) search.add(file, text);
  return search;
}

describe('untestedFunctions: a public function no test names, in a tested file', () => {
  it('finds whole words anywhere in a test (code, strings, comments), `$` parting words as git grep -w does', () => {
    const search = new WordSearch(['get_root_path', 'parse', 'sendFile', 'run'], ['header key must be a string']);
    search.add('tests/a.py', '# get_root_path is covered elsewhere\nparser = make()\nsendFileSync()\n');
    search.add('test/b.js', "expect(res.$sendFile).ok; cli(['run']);\nassert.throws(f, /header key must be a string/)\n");
    assert.equal(search.mentionedIn('get_root_path'), 'tests/a.py');
    assert.equal(search.mentionedIn('parse'), undefined, '`parser` is another word');
    assert.equal(search.mentionedIn('sendFile'), 'test/b.js', '`$sendFile` may be it: the careful reading');
    assert.equal(search.mentionedIn('run'), 'test/b.js');
    assert.equal(search.mentionedIn('header key must be a string'), 'test/b.js');
    assert.equal(search.filesRead, 2);
  });

  it('records every file naming a word, so the test naming most of a file\'s functions can be shown', () => {
    const search = new WordSearch(['alpha', 'beta']);
    search.add('t1', 'alpha alpha');
    search.add('t2', 'alpha beta');
    assert.deepEqual(search.filesMentioning('alpha'), ['t1', 't2']);
    assert.deepEqual(search.filesMentioning('beta'), ['t2']);
  });

  it('keeps functions with at least 5 lines of logic and 2 branches, weightiest first, one per name', () => {
    const worth = functionsWorthATest([
      fn('small', { logicLines: 4 }), fn('straight', { branches: 1 }), fn('light', { line: 5, logicLines: 5 }), fn('heavy', { branches: 9, line: 30 }),
      fn('heavy', { branches: 4, line: 60 }),
    ]);
    assert.deepEqual(worth.map((f) => [f.bareName, f.line]), [['heavy', 30], ['light', 5]]);
  });

  it('calls a function untested when no test names it, an alias of it or its message, and its tests name the file\'s other functions', () => {
    const functions = [
      fn('get_root_path'), fn('get_debug_flag'), fn('stream_with_context', { logicLines: 2 }),
      fn('routes_command', { aliases: ['routes'] }), fn('find_best_app', { messages: ['Could not locate a Flask application'] }),
    ];
    const search = searched(functions, {
      'tests/test_helpers.py': 'def test_flag():\n    assert get_debug_flag()\n    stream_with_context(x)\n',
      'tests/test_cli.py': 'runner.invoke(cli, ["routes"])\nassert "Could not locate a Flask application" in out\n',
    });
    const judged = judgeFunctions(functions, functionsWorthATest(functions), search, 'tests/test_helpers.py')!;
    assert.deepEqual(judged.untested.map((f) => f.bareName), ['get_root_path']);
    assert.equal(judged.named, 2);
    assert.equal(judged.of, 5);
    assert.deepEqual(judged.bestTestFile, { file: 'tests/test_helpers.py', names: ['stream_with_context', 'get_debug_flag'] });
  });

  it('claims nothing when the tests name none of the file\'s functions by a distinctive name (they drive it from outside)', () => {
    const functions = [fn('processCommand'), fn('call', { logicLines: 2 })];
    const search = searched(functions, { 'tests/unit/basic.tcl': 'r call foo\n' });
    assert.equal(judgeFunctions(functions, functionsWorthATest(functions), search), undefined);
  });

  it('leaves out a method of a type no test names: inner machinery reached through the outer API', () => {
    const functions = [fn('get_data', { owner: 'MimePart' }), fn('applicable_rules', { owner: 'Static' }), fn('parse_multipart', { logicLines: 2 })];
    const search = searched(functions, { 'test/spec_static.rb': 'Rack::Static.new(app)\nparse_multipart(env)\n' });
    const judged = judgeFunctions(functions, functionsWorthATest(functions), search)!;
    assert.deepEqual(judged.untested.map((f) => f.bareName), ['applicable_rules']);
  });

  it('prefers the file\'s own test on a tie for the test file shown', () => {
    const functions = [fn('untested'), fn('alpha', { logicLines: 2 }), fn('gamma', { logicLines: 2 })];
    const search = searched(functions, { 'tests/fixture_app.py': 'alpha\n', 'tests/test_mod.py': 'gamma\n' });
    assert.equal(judgeFunctions(functions, functionsWorthATest(functions), search, 'tests/test_mod.py')!.bestTestFile.file, 'tests/test_mod.py');
    assert.equal(judgeFunctions(functions, functionsWorthATest(functions), search)!.bestTestFile.file, 'tests/fixture_app.py');
  });

  it('expects tests in the source\'s own language family: Tcl suites do not call C functions by name', () => {
    assert.equal(testsCallByName('src/server.c', 'tests/unit/info.tcl'), false);
    assert.equal(testsCallByName('src/server.c', 'src/unit/test_server.cpp'), true);
    assert.equal(testsCallByName('lib/a.ts', 'test/a.test.js'), true);
    assert.equal(testsCallByName('src/main/java/A.java', 'src/test/kotlin/ATest.kt'), true);
    assert.equal(testsCallByName('src/a.py', 'tests/a.png'), false);
    assert.equal(testsCallByName('src/lib.rs', undefined), true, 'inline tests');
  });

  it('takes the test part of a Rust file with inline tests, not the definitions above it', () => {
    const text = 'pub fn io_error() {}\n\n#[cfg(test)]\nmod tests {\n    fn t() { io_error(); }\n}\n';
    assert.equal(inlineTestPart(text).startsWith('#[cfg(test)]'), true);
    assert.equal(inlineTestPart('pub fn a() {}\n'), '');
  });
});

describe('untestedFunctions: estimate, value and reasons', () => {
  const signals = (extra: Partial<TestGapSignals> = {}): TestGapSignals => ({
    kind: 'testGap', uncoveredLines: 0, uncoveredShare: undefined, churn: 5, fixCommits: 1, hasTestFile: true, bytes: 20_000,
    testEvidence: { kind: 'name', testFile: 'tests/test_helpers.py' }, functionName: 'get_root_path',
    scope: { logicLines: 23, functions: 1, branches: 8 }, fileSize: { logicLines: 121, functions: 21, branches: 40 },
    untestedFunction: {
      name: 'get_root_path', bareName: 'get_root_path', line: 587, endLine: 641, testFilesSearched: 48,
      publicFunctions: { named: 13, of: 15, testFile: 'tests/test_helpers.py', namedThere: 10, examples: ['send_from_directory', 'stream_with_context', 'get_debug_flag'] },
    },
    ...extra,
  });

  it('estimates from the function\'s size, plus a little to find its test file', () => {
    const s = signals();
    assert.equal(estimate(s).baseMinutes, Math.round((codeSizeMinutes(s.scope!) + 3) / 5) * 5);
    const small = signals({ scope: { logicLines: 8, functions: 1, branches: 2 } });
    assert.ok(estimate(small).minutes < estimate(s).minutes);
  });

  it('is worth slightly less than the same file untested, and a weightier function more than a light one', () => {
    const untestedFile: TestGapSignals = { kind: 'testGap', uncoveredLines: 0, uncoveredShare: undefined, churn: 5, fixCommits: 1, hasTestFile: false, bytes: 20_000, scope: { logicLines: 121, functions: 21, branches: 40 } };
    const heavy = testGapValue(signals());
    assert.ok(heavy < testGapValue(untestedFile), `${heavy} vs ${testGapValue(untestedFile)}`);
    assert.ok(heavy > testGapValue(untestedFile) - 0.1, 'slightly, not a kind apart');
    assert.ok(testGapValue(signals({ scope: { logicLines: 8, functions: 1, branches: 2 } })) < heavy);
  });

  it('says what was searched, which test names the file\'s other functions, and the file\'s history', () => {
    const candidate: TaskCandidate = { id: 'x', title: 'Add a test for get_root_path (src/flask/helpers.py)', repo: '/r', signals: signals() };
    const reasons = testGapReasons(signals(), candidate, { estimate: estimate(signals()), calibrationFactor: 1, ageDays: 0, waitingWorkingDays: 0, unblock: false });
    assert.equal(reasons[0], 'No test file names get_root_path: 48 test files searched (code, strings and comments)');
    assert.equal(reasons[1], 'Nothing else in the repository calls it either: no test reaches it through a caller');
    assert.equal(reasons[2], 'Its file has tests: tests/test_helpers.py names send_from_directory, stream_with_context and get_debug_flag and 7 more; 13 of its 15 public functions are named in tests');
    assert.equal(reasons[3], 'File changed in 5 commits, 1 of them a fix');
    assert.match(reasons[4]!, /^get_root_path: 23 lines of logic, 8 branches; the file has 121 lines/);
    assert.ok(!reasons.some((r) => /no test (file )?yet|none named for it/i.test(r)), 'never says the file has no test');
    const byType = signals({ untestedFunction: { ...signals().untestedFunction!, publicFunctions: { named: 0, of: 2, testFile: 'tests/Handler/CurlMultiHandlerTest.php', namedThere: 1, examples: ['CurlMultiHandler'] } } });
    assert.equal(testGapReasons(byType, candidate, { estimate: estimate(byType), calibrationFactor: 1, ageDays: 0, waitingWorkingDays: 0, unblock: false })[2],
      'Its file has tests: tests/Handler/CurlMultiHandlerTest.php names CurlMultiHandler', 'no "0 of its functions" when the tests name its type');
  });
});
