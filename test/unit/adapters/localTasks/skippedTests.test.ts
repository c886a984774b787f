import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { findSkippedTests, langOf, matchMarker } from '../../../../src/adapters/localTasks/skippedTests';
import type { SkippedTestSignals } from '../../../../src/core/tasks';
import { TempRepos } from './gitRepo';

describe('local tasks: skipped and disabled tests (real repositories)', function () {
  this.timeout(30_000);
  let repos: TempRepos;
  beforeEach(() => { repos = new TempRepos(); });
  afterEach(() => repos.dispose());

  const FILES: Record<string, string> = {
    'web/cart.test.ts': [
      "describe('cart', () => {",
      "  it.skip('adds numbers', () => {});",
      '  xit("subtracts", () => {});',
      '  describe.skip(`totals`, () => {});',
      "  test.todo('rounds prices');",
      "  xdescribe('legacy', () => {});",
      "  xtest ('spaced', () => {});",
      "  it('runs normally', () => {});",
      "  test.skip(name, () => {});",
      '});',
    ].join('\n'),
    'web/widget.ts': "class W { @Ignore() field = 1; exit() {} }\n",
    'src/test/java/app/InvoiceTest.java': [
      'class InvoiceTest {',
      '  @Test',
      '  @Disabled("flaky on CI")',
      '  void savesInvoice() {}',
      '  @Ignore',
      '  public void oldBehaviour() throws Exception {}',
      '}',
    ].join('\n'),
    'tests/test_tool.py': [
      'import pytest, unittest',
      '@pytest.mark.skip(reason="slow")',
      'def test_slow():',
      '    pass',
      '@pytest.mark.skipif(True, reason="conditional")',
      'def test_conditional():',
      '    pass',
      'class T(unittest.TestCase):',
      '    @unittest.skip("old")',
      '    def test_old(self):',
      '        pass',
      'def test_env():',
      '    if True:',
      '        pytest.skip("no env")',
    ].join('\n'),
    'pkg/parse_test.go': 'package pkg\n\nfunc TestParse(t *testing.T) {\n\tif short {\n\t\tt.Skip("needs network")\n\t}\n}\n',
    'pkg/helper.go': 'package pkg\n\nfunc helper(t T) { t.Skip("not a test file") }\n',
    'src/lib.rs': '#[cfg(test)]\nmod tests {\n    #[test]\n    #[ignore = "slow"]\n    fn slow_sum() {}\n}\n',
    'Tests/CalcTests.cs': [
      'public class CalcTests {',
      '  [Fact(Skip = "broken")]',
      '  public void Adds() {}',
      '  [Test, Ignore("later")]',
      '  public async Task Subtracts() {}',
      '}',
    ].join('\n'),
  };

  it('finds each marker per language with the test name, ages from blame, and ignores markers in other languages', async () => {
    const repo = repos.init('skips');
    repos.commit(repo, 'tests', 20, FILES);
    const { candidates, problems } = await findSkippedTests(repos.gateway(), repo);
    assert.deepEqual(problems, []);
    const found = candidates.map((c) => {
      const s = c.signals as SkippedTestSignals;
      return `${path.relative(repo, c.location!.file).split(path.sep).join('/')}:${c.location!.line} ${s.marker} ${s.testName ?? '-'}`;
    }).sort();
    assert.deepEqual(found, [
      'Tests/CalcTests.cs:2 Skip = Adds',
      'Tests/CalcTests.cs:4 [Ignore] Subtracts',
      'pkg/parse_test.go:5 t.Skip TestParse',
      'src/lib.rs:4 #[ignore] slow_sum',
      'src/test/java/app/InvoiceTest.java:3 @Disabled savesInvoice',
      'src/test/java/app/InvoiceTest.java:5 @Ignore oldBehaviour',
      'tests/test_tool.py:14 pytest.skip test_env',
      'tests/test_tool.py:2 @pytest.mark.skip test_slow',
      'tests/test_tool.py:9 @unittest.skip test_old',
      'web/cart.test.ts:2 it.skip adds numbers',
      'web/cart.test.ts:3 xit subtracts',
      'web/cart.test.ts:4 describe.skip totals',
      'web/cart.test.ts:5 test.todo rounds prices',
      'web/cart.test.ts:6 xdescribe legacy',
      'web/cart.test.ts:7 xtest spaced',
      'web/cart.test.ts:9 test.skip -',
    ]);
    for (const c of candidates) {
      const s = c.signals as SkippedTestSignals;
      assert.equal(s.ageDays, 20, c.title);
      assert.equal(c.repo, repo);
      assert.ok(c.id.startsWith(`skippedTest:${repo}:`));
    }
    assert.equal(new Set(candidates.map((c) => c.id)).size, candidates.length);
    assert.ok(candidates.some((c) => c.title === 'Skipped test: adds numbers (it.skip)'));
  });

  it('sanitises test names taken from the repository', async () => {
    const repo = repos.init('evil');
    repos.commit(repo, 'evil', 1, { 'a.spec.js': "it.skip('<b>bold</b> \\u001b \u001b[2J\u202ename', () => {});\n" });
    const { candidates } = await findSkippedTests(repos.gateway(), repo);
    assert.equal(candidates.length, 1);
    assert.doesNotMatch(candidates[0]!.title, /[<>\u001b\u202e]/);
    assert.match(candidates[0]!.title, /^Skipped test: b bold \/b/);
  });

  it('knows languages by extension and markers by language', () => {
    assert.equal(langOf('a/b.mts'), 'js');
    assert.equal(langOf('a/B.kt'), 'jvm');
    assert.equal(langOf('README.md'), undefined);
    assert.equal(matchMarker('js', 'const exit = () => 1; exit()'), undefined);
    assert.equal(matchMarker('js', 'suite.skip("x")')?.label, 'suite.skip');
    assert.equal(matchMarker('python', '@unittest.skipIf(x)'), undefined);
    assert.equal(matchMarker('python', '@unittest.skipUnless(x)'), undefined);
    assert.equal(matchMarker('go', '\ts.T().Skipf("x %d", 1)')?.label, 't.Skip');
  });
});
