import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ereToRegExp } from '../../../../src/adapters/localTasks/grep';
import { grepSkippedTests, SKIP_GREP_PATTERNS, SKIP_KEYWORDS } from '../../../../src/adapters/localTasks/skippedTests';
import { grepSources } from '../../../../src/adapters/localTasks/sourcesGrep';
import { grepTodos, TODO_GREP_PATTERN, TODO_KEYWORDS } from '../../../../src/adapters/localTasks/todos';
import { TempRepos } from './gitRepo';

describe('local tasks: one grep for TODOs and skipped tests (real repositories)', function () {
  this.timeout(30_000);
  let repos: TempRepos;
  beforeEach(() => { repos = new TempRepos(); });
  afterEach(() => repos.dispose());

  const tricky = () => {
    const repo = repos.init('tricky');
    repos.commit(repo, 'start', 5, {
      // A tag at the end of the line passes the precise check but not the TODO grep's prefilter: not a TODO.
      'a.test.ts': "it.skip('one', () => {}); // TODO\nxit('two', () => {}); // FIXME: both\n// TODO: plain\n",
      // Skip markers only count in their own language's files, by a lower-case extension.
      'B.TS': "it.skip('upper', () => {});\n",
      'main.go': 'func f(t *testing.T) { t.Skip() } // HACK: not a test file\n',
      'main_test.go': 'func TestX(t *testing.T) {\n\tt.Skip("later")\n}\n',
      // Prose is no code: a BUG in Markdown or a CHANGELOG heading is no marker.
      'notes.md': "it.skip('in prose', () => {}) # BUG: prose\n",
      'CHANGELOG': '### BUG FIXES\n',
      'lib/x.py': '# BUG FIXES\n# HACK(ann): real\n',
      'Tests/Svc.cs': '[Fact(Skip = "flaky")]\npublic void Works() {}\n',
      // Not a test file: its attribute is no skipped test.
      'Svc.cs': '[Fact(Skip = "flaky")]\npublic void Works() {}\n',
    });
    return repo;
  };
  const shape = (scan: { hits: Array<{ path: string; line: number; text: string }>; problems: string[] }) =>
    ({ hits: scan.hits.map((h) => `${h.path}:${h.line}:${h.text}`), problems: scan.problems });

  it('keeps exactly the lines, order and cap messages of the two separate greps', async () => {
    const repo = tricky();
    const git = repos.gateway();
    const both = await grepSources(git, repo);
    assert.deepEqual(shape(both.todos), shape(await grepTodos(git, repo)));
    assert.deepEqual(shape(both.skipped), shape(await grepSkippedTests(git, repo)));
    assert.deepEqual(shape(both.todos).hits, [
      "a.test.ts:2:xit('two', () => {}); // FIXME: both", 'a.test.ts:3:// TODO: plain',
      'lib/x.py:2:# HACK(ann): real', 'main.go:1:func f(t *testing.T) { t.Skip() } // HACK: not a test file',
    ]);
    assert.deepEqual(shape(both.skipped).hits, [
      'Tests/Svc.cs:1:[Fact(Skip = "flaky")]', "a.test.ts:1:it.skip('one', () => {}); // TODO", "a.test.ts:2:xit('two', () => {}); // FIXME: both",
      'main_test.go:2:\tt.Skip("later")',
    ]);
    assert.equal(both.todos.parsed.get(both.todos.hits[0]!)?.tag, 'FIXME');
    assert.deepEqual(both.skipped.hits.map((h) => both.skipped.found.get(h)?.label), ['Skip =', 'it.skip', 'xit', 't.Skip']);

    const capped = await grepSources(git, repo, { maxTodos: 1, maxSkipped: 2 });
    assert.deepEqual(shape(capped.todos), shape(await grepTodos(git, repo, { maxTodos: 1 })));
    assert.deepEqual(shape(capped.skipped), shape(await grepSkippedTests(git, repo, { maxSkipped: 2 })));
  });

  it('prefilters with keywords found in every line the regexes match (crafted lines, and this repository as a corpus)', () => {
    const regexes = [TODO_GREP_PATTERN, ...SKIP_GREP_PATTERNS].map(ereToRegExp);
    const keywords = [...TODO_KEYWORDS, ...SKIP_KEYWORDS];
    const crafted = [
      '// TODO: x', '# FIXME(a): y', '/* BUG x', '-- HACK: z', '<!-- TODO x', '; TODO: lisp', ' * FIXME: doc',
      "it.skip('a', () => {})", 'describe.todo (', 'suite.skip(', 'specify.skip\t(', "xit('a')", ' xdescribe(', '(xtest(',
      'xcontext (', 'xspecify(', '@Disabled', '@Ignore("x")', '@pytest.mark.skip(reason=1)', "@unittest.skip('x')",
      'pytest.skip (', 't.Skip()', 't.Skipf("x")', 't.SkipNow()', '#[ignore]', '[Test, Ignore]', '[Ignore("x")]', '[Fact(Skip = "x")]',
      'self.skipTest("x")', 'raise unittest.SkipTest("x")', 'TEST(A, DISABLED_B) {', '  GTEST_SKIP() << "x";', '  skip "x"', '\tpending',
      '  it "x", skip: "y" do', '  it "x", :pending do', "  it 'x', skip => true do", '  xexample "x" do', "  xscenario('x')", 'xfeature "x"',
      "$this->markTestSkipped('x');", 'self::markTestIncomplete();', "test('x', fn () => 1)->skip('y');", "it('x')->todo();",
      'throw XCTSkip("x")', '@Test(.disabled("x"))', '  ignore("x") {', '  ignore ("x") {', '"x" should "y" ignore {', 'test("x".ignore) {',
      'ignore should "x" in {', 'it should "x" ignore {',
    ];
    for (const line of crafted) {
      assert.ok(regexes.some((re) => re.test(line)), `no pattern matches ${line}`);
      assert.ok(keywords.some((k) => line.includes(k)), `no keyword in ${line}`);
    }
    const root = path.resolve(__dirname, '../../../..');
    const files = execFileSync('git', ['ls-files', 'src', 'test', 'bench', 'scripts'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
    let matched = 0;
    for (const file of files) {
      for (const line of readFileSync(path.join(root, file), 'utf8').split('\n')) {
        if (!regexes.some((re) => re.test(line))) continue;
        matched++;
        assert.ok(keywords.some((k) => line.includes(k)), `${file}: no keyword in ${line}`);
      }
    }
    assert.ok(matched > 10, `only ${matched} lines matched`);
  });

  it('translates the POSIX patterns to JavaScript, and refuses what it cannot translate', () => {
    for (const pattern of [TODO_GREP_PATTERN, ...SKIP_GREP_PATTERNS]) assert.ok(ereToRegExp(pattern) instanceof RegExp, pattern);
    const todo = ereToRegExp(TODO_GREP_PATTERN);
    assert.ok(todo.test('x; //\tTODO: tab'));
    assert.ok(!todo.test('// TODO\u00a0nbsp is not a C-locale space'));
    assert.ok(!todo.test('// TODO'));
    assert.ok(ereToRegExp('\\[[^]]*Ignore').test('[Test, Ignore]'));
    assert.ok(!ereToRegExp('\\[[^]]*Ignore').test('[Test] Ignore'));
    assert.throws(() => ereToRegExp('[[:alpha:]]'), /unsupported/);
  });
});
