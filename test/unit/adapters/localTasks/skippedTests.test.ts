import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { findSkippedTests, langOf, matchMarker, mayHoldTests } from '../../../../src/adapters/localTasks/skippedTests';
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
    // The Go skip under `if short` and the pytest.skip under `if True:` are conditional: not tasks.
    assert.deepEqual(found, [
      'Tests/CalcTests.cs:2 Skip = Adds',
      'Tests/CalcTests.cs:4 [Ignore] Subtracts',
      'src/lib.rs:4 #[ignore] slow_sum',
      'src/test/java/app/InvoiceTest.java:3 @Disabled savesInvoice',
      'src/test/java/app/InvoiceTest.java:5 @Ignore oldBehaviour',
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
    const reasons = new Map(candidates.map((c) => [(c.signals as SkippedTestSignals).testName, c.signals as SkippedTestSignals]));
    assert.equal(reasons.get('savesInvoice')?.reason, 'flaky on CI');
    assert.equal(reasons.get('savesInvoice')?.onPurpose, 'flaky');
    assert.equal(reasons.get('slow_sum')?.reason, 'slow');
    assert.equal(reasons.get('Adds')?.reason, 'broken');
    assert.equal(reasons.get('Adds')?.onPurpose, undefined);
  });

  it('finds the markers of C++, Ruby, PHP, Swift, Scala, Kotlin and Python unittest, each in its own test files only', async () => {
    const repo = repos.init('languages');
    repos.commit(repo, 'tests', 30, {
      'test/format_test.cc': [
        'TEST(FormatTest, DISABLED_Locale) {}',
        'TEST_F(DISABLED_Chrono, Works) {}',
        'TEST(FormatTest, Big) {',
        '  GTEST_SKIP() << "takes minutes";',
        '}',
        '#define GTEST_SKIP() GTEST_SKIP_("")',
      ].join('\n'),
      'src/format.cc': 'TEST(FormatTest, DISABLED_NotATestFile) {}\n',
      'spec/parser_spec.rb': [
        'describe Parser do',
        '  xit "parses dates" do',
        '  end',
        '  it "parses times", skip: "clock drift" do',
        '  end',
        '  it "parses zones" do',
        '    pending "tz database update"',
        '  end',
        '  it "parses on CI" do',
        '    skip "CI only" if ENV["CI"]',
        '  end',
        'end',
      ].join('\n'),
      'test/test_cache.rb': 'class CacheTest < Minitest::Test\n  def test_expiry\n    skip\n  end\nend\n',
      'lib/reader.rb': 'def read\n  skip "not a test file"\nend\n',
      'tests/ClientTest.php': [
        '<?php',
        'class ClientTest extends TestCase {',
        '    public function testRetries(): void',
        '    {',
        "        $this->markTestIncomplete('retry budget not implemented');",
        '    }',
        '    public function testIdn(): void',
        '    {',
        "        if (!extension_loaded('intl')) {",
        "            $this->markTestSkipped('needs intl');",
        '        }',
        '    }',
        '}',
      ].join('\n'),
      'Tests/UploadTests.swift': [
        'final class UploadTests: XCTestCase {',
        '    func testChunked() throws {',
        '        throw XCTSkip("server rejects chunked uploads")',
        '    }',
        '    func testLegacy() throws {',
        '        try XCTSkipIf(true, "old OS")',
        '    }',
        '}',
        'struct NewTests {',
        '    @Test(.disabled("waiting on the new API"))',
        '    func streams() {}',
        '}',
      ].join('\n'),
      'src/test/scala/ParserSuite.scala': [
        'class ParserSuite extends AnyFunSuite {',
        '  ignore("parses nested arrays") {',
        '  }',
        '  "The parser" should "keep comments" ignore {',
        '  }',
        '}',
      ].join('\n'),
      'src/jvmTest/kotlin/okio/ThrottlerTest.kt': '@Ignore("These tests are flaky and fail on slower hardware")\nclass ThrottlerTest {\n}\n',
      'tests/test_io.py': 'class IoTest(unittest.TestCase):\n    def test_pipe(self):\n        self.skipTest("pipes hang on this runner")\n',
    });
    const { candidates } = await findSkippedTests(repos.gateway(), repo);
    const found = candidates.map((c) => {
      const s = c.signals as SkippedTestSignals;
      return `${path.relative(repo, c.location!.file).split(path.sep).join('/')}:${c.location!.line} ${s.marker} ${s.testName ?? '-'} | ${s.reason ?? '-'}`;
    }).sort();
    assert.deepEqual(found, [
      "Tests/UploadTests.swift:10 .disabled streams | waiting on the new API",
      'Tests/UploadTests.swift:3 XCTSkip testChunked | server rejects chunked uploads',
      'spec/parser_spec.rb:2 xit parses dates | -',
      'spec/parser_spec.rb:4 skip: parses times | clock drift',
      'spec/parser_spec.rb:7 pending parses zones | tz database update',
      'src/jvmTest/kotlin/okio/ThrottlerTest.kt:1 @Ignore ThrottlerTest | These tests are flaky and fail on slower hardware',
      'src/test/scala/ParserSuite.scala:2 ignore parses nested arrays | -',
      'src/test/scala/ParserSuite.scala:4 ignore keep comments | -',
      'test/format_test.cc:1 DISABLED_ FormatTest.Locale | -',
      'test/format_test.cc:2 DISABLED_ Chrono.Works | -',
      'test/format_test.cc:4 GTEST_SKIP FormatTest.Big | takes minutes',
      'test/test_cache.rb:3 skip test_expiry | -',
      'tests/ClientTest.php:5 markTestIncomplete testRetries | retry budget not implemented',
      'tests/test_io.py:3 self.skipTest test_pipe | pipes hang on this runner',
    ]);
  });

  it('leaves out markers in docs and comments, conditional skips, and C# [Ignore] on a mapped property', async () => {
    const repo = repos.init('not-tasks');
    repos.commit(repo, 'tests', 30, {
      'gson/src/test/java/com/google/gson/metrics/PerformanceTest.java': [
        '/**',
        ' * Tests to measure performance for Gson. All tests in this file will be disabled in code. To run',
        ' * them remove the {@code @Ignore} annotation from the tests.',
        ' */',
        'public class PerformanceTest {',
        '  @Test',
        '  @Ignore',
        '  public void testStringDeserialization() {}',
        '}',
      ].join('\n'),
      'cobra_test.go': [
        'func TestDeadcodeElimination(t *testing.T) {',
        '\tif runtime.GOOS == "windows" {',
        '\t\tt.Skip("go tool nm fails on windows")',
        '\t}',
        '}',
      ].join('\n'),
      'test/cart.test.js': "// it.skip('old cart', () => {});\nconst maybe = isWin ? it.skip : it;\n",
      'src/UnitTests/AttributeBasedMaps.cs': [
        '    [AutoMap(typeof(Source))]',
        '    public class Dest',
        '    {',
        '        [Ignore]',
        '        public int Value { get; set; }',
        '    }',
        '    [Test]',
        '    [Ignore("waits for the mapper rewrite")]',
        '    public void Maps() {}',
      ].join('\n'),
      'src/lib.rs': '#[test]\n#[cfg_attr(windows, ignore)]\nfn unix_paths() {}\n',
      // Compile-only API checks: every test disabled by design, one with a reason of its own.
      'src/test/kotlin/DeprecationTest.kt': ['a', 'b', 'c', 'd', 'e'].map((n) => `  @Test @Disabled${n === 'e' ? '("broken")' : ''}\n  fun ${n}() {}`).join('\n'),
    });
    const { candidates } = await findSkippedTests(repos.gateway(), repo);
    const found = candidates.map((c) => `${path.basename(c.location!.file)}:${c.location!.line} ${(c.signals as SkippedTestSignals).onPurpose ?? '-'}`).sort();
    // Only the benchmark's real @Ignore (on purpose: the file is a performance test), the test method's [Ignore],
    // and the five disabled API checks, on purpose by number except the one that says why.
    const mass = 'one of 5 tests disabled in this file';
    assert.deepEqual(found, [
      'AttributeBasedMaps.cs:8 -', `DeprecationTest.kt:1 ${mass}`, `DeprecationTest.kt:3 ${mass}`, `DeprecationTest.kt:5 ${mass}`,
      `DeprecationTest.kt:7 ${mass}`, 'DeprecationTest.kt:9 -', 'PerformanceTest.java:7 a benchmark',
    ]);
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
    // Conditional by name: JUnit 5's @DisabledOnOs/@EnabledIf…, assumptions, Vitest's skipIf, XCTSkipIf/Unless,
    // Swift Testing's .disabled(if:), Rust's cfg_attr(…, ignore).
    for (const line of ['@DisabledOnOs(OS.WINDOWS)', '@DisabledIfEnvironmentVariable(named = "CI", matches = "true")', '@EnabledIf("isLinux")', 'assumeTrue(isUnix());']) {
      assert.equal(matchMarker('jvm', line), undefined, line);
    }
    assert.equal(matchMarker('js', "it.skipIf(process.platform === 'win32')('links', () => {});"), undefined);
    assert.equal(matchMarker('swift', 'try XCTSkipIf(true, "old OS")'), undefined);
    assert.equal(matchMarker('swift', 'try XCTSkipUnless(hasNetwork)'), undefined);
    assert.equal(matchMarker('swift', '@Test(.disabled(if: isCI))'), undefined);
    assert.equal(matchMarker('rust', '#[cfg_attr(windows, ignore)]'), undefined);
    assert.equal(matchMarker('ruby', '  skip = true'), undefined);
    assert.equal(matchMarker('ruby', '  skip_before_action :auth'), undefined);
    assert.equal(matchMarker('cpp', 'TEST(FormatTest, Locale) {}'), undefined);
    assert.ok(!mayHoldTests('ruby', 'lib/rack/utils.rb'));
    assert.ok(mayHoldTests('jvm', 'okhttp/src/jvmTest/kotlin/okhttp3/CallTest.kt'));
    assert.ok(mayHoldTests('csharp', 'test/Polly.RateLimiting.Tests/RateLimiterTests.cs'));
    assert.ok(mayHoldTests('rust', 'crates/regex/src/matcher.rs'), 'Rust tests live beside the code');
    assert.ok(!mayHoldTests('go', 'cobra.go'));
  });
});
