import { strict as assert } from 'node:assert';
import { judgeSkip, massDisabled, onPurposeOf, onPurposeOfPath, type SkipJudgement, type SkipLanguage, type SkipSite } from '../../../src/core/skipJudgement';

/**
 * Judges the marker `word` on the line holding `mark` (the first line containing it, or the line marked `«»`).
 * `reasonIn` as the adapter's marker table says: `argument` for annotations and calls, `none` for named markers.
 */
function judge(lang: SkipLanguage, source: string, word: string, extra: Partial<SkipSite> = {}): SkipJudgement {
  const lines = source.split('\n');
  let index = lines.findIndex((line) => line.includes('«»'));
  if (index >= 0) lines[index] = lines[index]!.replace('«»', '');
  else index = lines.findIndex((line) => line.includes(word));
  assert.ok(index >= 0, `no ${word} in the source`);
  const start = lines[index]!.indexOf(word);
  return judgeSkip({ lang, lines, index, start, end: start + word.length, reasonIn: 'argument', path: 'test/x_test', ...extra });
}

describe('core/skipJudgement: which skip markers are tasks, and what the code says about them', () => {
  describe('markers in comments, docs, strings and macros are not skips', () => {
    it('a Javadoc {@code @Ignore}, a commented-out it.skip, a C# attribute in a // block, a Python docstring', () => {
      assert.equal(judge('jvm', [
        '/**',
        ' * Tests to measure performance for Gson. All tests in this file will be disabled in code. To run',
        ' * them remove the {@code @Ignore} annotation from the tests.',
        ' */',
        'public class PerformanceTest {',
      ].join('\n'), '@Ignore').verdict, 'comment');
      assert.equal(judge('js', "  // it.skip('adds numbers', () => {});", 'it.skip').verdict, 'comment');
      assert.equal(judge('csharp', '//    [Fact(Skip = "This test breaks the Test Runner")]\n//    public void Should_preserve() {', 'Skip').verdict, 'comment');
      assert.equal(judge('python', 'def helper():\n    """Call pytest.skip("x") when the fixture is missing."""\n    return 1', 'pytest.skip').verdict, 'comment');
      assert.equal(judge('python', 'DOC = """\nUse @pytest.mark.skip to skip a test\n"""', '@pytest.mark.skip').verdict, 'comment');
      assert.equal(judge('go', 'var usage = "call t.Skip(\\"reason\\") to skip"', 'Skip').verdict, 'comment');
      assert.equal(judge('ruby', '=begin\n  skip "old"\n=end', 'skip').verdict, 'comment');
      assert.equal(judge('cpp', '#define GTEST_SKIP() GTEST_SKIP_("")', 'GTEST_SKIP').verdict, 'comment');
    });

    it('a marker after a comment on an earlier line, or after a closed block comment, is code', () => {
      assert.equal(judge('js', "/* helpers */ it.skip('adds', () => {});", 'it.skip').verdict, 'skip');
      assert.equal(judge('jvm', '/**\n * Flaky.\n */\n@Test\n@Ignore\nvoid saves() {}', '@Ignore').verdict, 'skip');
      assert.equal(judge('rust', "fn f<'a>(x: &'a str) {}\n#[test]\n#[ignore]\nfn slow() {}", '#[ignore').verdict, 'skip');
    });
  });

  describe('conditional skips are not tasks', () => {
    it('Go: a Windows-only skip, a short-mode skip, a switch on GOOS, an environment check', () => {
      const cobra = [
        'func TestDeadcodeElimination(t *testing.T) {',
        '\tif runtime.GOOS == "windows" {',
        '\t\tt.Skip("go tool nm fails on windows")',
        '\t}',
      ].join('\n');
      assert.deepEqual(judge('go', cobra, 'Skip'), { verdict: 'conditional', condition: 'if runtime.GOOS == "windows" {' });
      assert.equal(judge('go', 'func TestPathCleanMallocs(t *testing.T) {\n\tif testing.Short() {\n\t\tt.Skip("skipping malloc count in short mode")\n\t}', 'Skip').verdict, 'conditional');
      assert.equal(judge('go', 'func TestX(t *testing.T) {\n\tswitch runtime.GOOS {\n\tcase "plan9":\n\t\tt.Skip("no")\n\t}', 'Skip').verdict, 'conditional');
      assert.equal(judge('go', 'func TestX(t *testing.T) {\n\tif os.Getenv("CI") == "" { t.Skip("CI only") }', 'Skip').verdict, 'conditional');
      assert.equal(judge('go', 'func TestX(t *testing.T) {\n\tif _, err := exec.LookPath("git"); err != nil {\n\t\tt.Skip("git missing")\n\t} else {\n\t\tt.Log("ok")\n\t}', 'Skip').verdict, 'conditional');
    });

    it('Go: an unconditional skip at the top of a test (inside t.Run too) is a task', () => {
      const flaky = 'func TestRetry(t *testing.T) {\n\tt.Skip("flaky, see #123")\n\tretry()\n}';
      assert.equal(judge('go', flaky, 'Skip').verdict, 'skip');
      assert.equal(judge('go', 'func TestX(t *testing.T) {\n\tfor _, c := range cases {\n\t\tt.Run(c.name, func(t *testing.T) {\n\t\t\tt.Skip("broken")\n\t\t})\n\t}', 'Skip').verdict, 'skip');
    });

    it('Python: skipif/skipUnless are not markers at all; pytest.skip under if/except, or postfix if, is conditional', () => {
      assert.equal(judge('python', 'def test_unix():\n    if sys.platform == "win32":\n        pytest.skip("POSIX only")\n    run()', 'pytest.skip').verdict, 'conditional');
      assert.equal(judge('python', 'try:\n    import numpy\nexcept ImportError:\n    pytest.skip("needs numpy", allow_module_level=True)', 'pytest.skip').verdict, 'conditional');
      assert.equal(judge('python', 'class T(unittest.TestCase):\n    def test_x(self):\n        if not HAS_SSL: self.skipTest("no ssl")', 'self.skipTest').verdict, 'conditional');
      assert.equal(judge('python', 'class T(unittest.TestCase):\n    def test_x(self):\n        self.skipTest("broken since the parser rewrite")', 'self.skipTest').verdict, 'skip');
    });

    it('JS: a skip inside an if block, a ternary, a && guard, and a Playwright condition argument', () => {
      assert.equal(judge('js', "describe('fs', () => {\n  if (process.platform === 'win32') {\n    it.skip('symlinks', () => {});\n  }\n});", 'it.skip').verdict, 'conditional');
      assert.equal(judge('js', "const run = isWindows ? it.skip : it;", 'it.skip').verdict, 'conditional');
      assert.equal(judge('js', "process.env.CI && it.skip('slow on CI', () => {});", 'it.skip').verdict, 'conditional');
      const playwright = "test('upload', async ({ page, browserName }) => {\n  test.skip(browserName === 'webkit', 'not supported');\n});";
      assert.equal(judge('js', playwright, 'test.skip', { reasonIn: 'none', conditionArgument: 'expression' }).verdict, 'conditional');
      // A title and a body, or no argument at all (Playwright inside a test), are unconditional.
      assert.equal(judge('js', "describe('cart', () => {\n  it.skip('adds numbers', () => {});\n});", 'it.skip', { reasonIn: 'none', conditionArgument: 'expression' }).verdict, 'skip');
      assert.equal(judge('js', 'test.skip(name, () => {});', 'test.skip', { reasonIn: 'none', conditionArgument: 'expression' }).verdict, 'skip');
      assert.equal(judge('js', "test('x', async () => {\n  test.skip();\n});", 'test.skip', { reasonIn: 'none', conditionArgument: 'expression' }).verdict, 'skip');
    });

    it('Swift: XCTSkip under if #available or guard … else is conditional; a bare one is a task', () => {
      const alamofire = [
        '    func testThatPublishedDataRequestCanBeCancelledAutomatically() throws {',
        '        if #available(macOS 11, iOS 14, watchOS 7, tvOS 14, *) {',
        '            throw XCTSkip("Skip on 2020 OS versions, as Combine cancellation no longer emits a value.")',
        '        }',
      ].join('\n');
      assert.equal(judge('swift', alamofire, 'XCTSkip').verdict, 'conditional');
      assert.equal(judge('swift', 'func testBytes() throws {\n    guard #available(macOS 10.15, *) else {\n        throw XCTSkip("Older OSes")\n    }', 'XCTSkip').verdict, 'conditional');
      assert.equal(judge('swift', 'func testUpload() throws {\n    throw XCTSkip("Server rejects chunked uploads, see #3011")\n}', 'XCTSkip').verdict, 'skip');
    });

    it('PHP: markTestSkipped under if (!extension_loaded(…)), in Allman style too; Pest conditions', () => {
      const monolog = [
        '    public function testHandle()',
        '    {',
        "        if (!extension_loaded('soap')) {",
        "            $this->markTestSkipped('Requires the soap extension');",
        '        }',
      ].join('\n');
      assert.equal(judge('php', monolog, 'markTestSkipped').verdict, 'conditional');
      assert.equal(judge('php', "    public function testX()\n    {\n        if (PHP_OS_FAMILY === 'Windows')\n        {\n            $this->markTestSkipped('posix');\n        }", 'markTestSkipped').verdict, 'conditional');
      assert.equal(judge('php', "    public function testLegacy(): void\n    {\n        $this->markTestSkipped('Broken since the 3.0 rewrite');\n    }", 'markTestSkipped').verdict, 'skip');
      assert.equal(judge('php', "test('sum', function () {})->skip(fn () => PHP_OS === 'WINNT', 'posix only');", 'skip', { conditionArgument: 'nonString' }).verdict, 'conditional');
      assert.equal(judge('php', "test('sum', function () {})->skip('broken');", 'skip', { conditionArgument: 'nonString' }).verdict, 'skip');
    });

    it('Ruby: skip … if/unless, skip inside if or rescue; a plain skip in an example is a task', () => {
      assert.equal(judge('ruby', "  it 'starts' do\n    skip \"So much work to run with rack head branch\" if ENV['rack'] == 'head'\n  end", 'skip').verdict, 'conditional');
      assert.equal(judge('ruby', '  it "copies the env" do\n    if req.delegate?\n      skip "delegate requests don\'t dup environments"\n    end', 'skip').verdict, 'conditional');
      assert.equal(judge('ruby', "  def test_json\n    require lib\n  rescue LoadError\n    skip \"unable to load #{lib}\"\n  end", 'skip').verdict, 'conditional');
      assert.equal(judge('ruby', "  it 'prepends modules' do\n    skip 'needs Module#prepend'\n  end", 'skip').verdict, 'skip');
    });

    it('C, C++, C#: inside #if / #ifdef / #else (not an include guard)', () => {
      const fmt = 'TEST(chrono_test, strftime) {\n#if !FMT_HAS_C99_STRFTIME\n  GTEST_SKIP() << "Skip the rest of this test because it relies on strftime()";\n#endif\n}';
      assert.equal(judge('cpp', fmt, 'GTEST_SKIP').verdict, 'conditional');
      const guarded = '#ifndef UTIL_TEST_H_\n#define UTIL_TEST_H_\nTEST(Util, Slow) {\n  GTEST_SKIP() << "takes minutes";\n}\n#endif';
      assert.equal(judge('cpp', guarded, 'GTEST_SKIP').verdict, 'skip');
      assert.equal(judge('cpp', '#if 0\n#else\nTEST(A, B) {\n  GTEST_SKIP();\n}\n#endif', 'GTEST_SKIP').verdict, 'conditional');
      assert.equal(judge('cpp', 'TEST_P(CompressionTableTest, Approx) {\n  if (!CompressionSupported(type)) {\n    GTEST_SKIP() << "skipping compression test: " << type;\n  }', 'GTEST_SKIP').verdict, 'conditional');
      assert.equal(judge('csharp', '#if NETFRAMEWORK\n    [Fact(Skip = "No spans on .NET Framework")]\n#endif\n    public void Spans() {}', 'Skip').verdict, 'conditional');
    });

    it('annotations are never conditional by nesting: a class body is not a condition', () => {
      assert.equal(judge('jvm', 'class InvoiceTest {\n  @Test\n  @Disabled("flaky on CI")\n  void saves() {}\n}', '@Disabled').verdict, 'skip');
      assert.equal(judge('python', 'class T(unittest.TestCase):\n    @unittest.skip("old")\n    def test_old(self):\n        pass', '@unittest.skip').verdict, 'skip');
    });
  });

  describe('the reason, as the code says it', () => {
    it('the marker argument in each language, concatenated across lines', () => {
      assert.equal(judge('jvm', '  @Test\n  @Ignore("we no longer hash keys at serialization time")\n  public void testTwo() {', '@Ignore').reason, 'we no longer hash keys at serialization time');
      const gson = [
        '  @Ignore(',
        '      "Registering adapter for JsonElement is allowed (for now) for backward compatibility, see"',
        '          + " https://github.com/google/gson/issues/2787")',
        '  @Test',
        '  public void testRegister() {',
      ].join('\n');
      const j = judge('jvm', gson, '@Ignore');
      assert.equal(j.reason, 'Registering adapter for JsonElement is allowed (for now) for backward compatibility, see https://github.com/google/gson/issues/2787');
      assert.equal(j.reasonFrom, 'marker');
      assert.equal(judge('python', '@pytest.mark.skip(reason="this fails non-deterministically under pytest-xdist")\ndef test_request_recovery(self):', '@pytest.mark.skip').reason, 'this fails non-deterministically under pytest-xdist');
      assert.equal(judge('go', 'func TestX(t *testing.T) {\n\tt.Skipf("broken until %s lands", "x")', 'Skipf').reason, 'broken until %s lands');
      assert.equal(judge('rust', '    #[test]\n    #[ignore = "requires a live server"]\n    fn fetch() {}', '#[ignore').reason, 'requires a live server');
      assert.equal(judge('csharp', '    [Theory(Skip = "https://github.com/stryker-mutator/stryker-net/issues/2144")]', 'Skip').reason, 'https://github.com/stryker-mutator/stryker-net/issues/2144');
      assert.equal(judge('php', "        $this->markTestSkipped('Not implemented yet');", 'markTestSkipped').reason, 'Not implemented yet');
      assert.equal(judge('ruby', "  it 'x' do\n    skip(\"waits for the new parser\")\n  end", 'skip').reason, 'waits for the new parser');
      assert.equal(judge('cpp', 'TEST(Table, Big) {\n  GTEST_SKIP() << "Skip the rest because it relies on strftime() "\n                  "conforming to C99";\n}', 'GTEST_SKIP').reason, 'Skip the rest because it relies on strftime() conforming to C99');
      const heredoc = "  it 'prepends modules' do\n    skip <<-EOS\n      This test will be helpful after switching to Module#prepend\n    EOS\n  end";
      assert.equal(judge('ruby', heredoc, 'skip').reason, 'This test will be helpful after switching to Module#prepend');
    });

    it('else a comment on the marker line, else the comment right above (above other annotations), without tool directives', () => {
      assert.equal(judge('rust', '    #[ignore] // needs the index on disk\n    fn big() {}', '#[ignore').reason, 'needs the index on disk');
      const ripgrep = [
        '    // Test that finding candidate lines works as expected.',
        '    // FIXME: Re-enable this test once inner literal extraction works.',
        '    #[test]',
        '    #[ignore]',
        '    fn candidate_lines() {',
      ].join('\n');
      const j = judge('rust', ripgrep, '#[ignore');
      assert.equal(j.reason, 'Test that finding candidate lines works as expected. FIXME: Re-enable this test once inner literal extraction works.');
      assert.equal(j.reasonFrom, 'comment');
      assert.equal(j.waitsOn, 'inner literal extraction works');
      const javadoc = '  /**\n   * This test fails because there\'s no double for 9223372036854775808.\n   * @see Issue 96\n   */\n  @Test\n  @Ignore\n  public void testPeek() {';
      assert.equal(judge('jvm', javadoc, '@Ignore').reason, "This test fails because there's no double for 9223372036854775808.");
      const got = "// eslint-disable-next-line ava/no-skip-test -- Unreliable\ntest.skip('revalidated responses', async t => {";
      assert.equal(judge('js', got, 'test.skip', { reasonIn: 'none' }).reason, 'Unreliable');
      assert.equal(judge('js', "// eslint-disable-next-line ava/no-skip-test\ntest.skip('x', async t => {", 'test.skip', { reasonIn: 'none' }).reason, undefined);
      // A blank line ends "right above".
      assert.equal(judge('jvm', '  // helpers\n\n  @Ignore\n  void x() {}', '@Ignore').reason, undefined);
      // A named marker's literal is the test's name, not a reason.
      assert.equal(judge('js', "xit('subtracts', () => {});", 'xit', { reasonIn: 'none' }).reason, undefined);
    });
  });

  describe('disabled on purpose', () => {
    it('from the reason, the test name or a benchmark path, not from an ordinary failure', () => {
      assert.equal(judge('jvm', '@Ignore("Flaky")\n@Test\nfun sinkSplitsLargeWrites() {', '@Ignore').onPurpose, 'flaky');
      assert.equal(judge('python', '@pytest.mark.skip(reason="this fails non-deterministically under pytest-xdist")\ndef test_r():', '@pytest.mark.skip').onPurpose, 'flaky');
      assert.equal(judge('jvm', '@Test\n@Ignore\npublic void testLargeCollection() {', '@Ignore', { path: 'gson/src/test/java/com/google/gson/metrics/PerformanceTest.java' }).onPurpose, 'a benchmark');
      assert.equal(judge('rust', '#[ignore = "slow; run with cargo test -- --ignored"]\nfn big() {}', '#[ignore').onPurpose, 'slow');
      assert.equal(judge('jvm', '@Disabled("Don\'t run by default, run manually")\nclass AllMainsTest {', '@Disabled').onPurpose, 'for manual runs');
      assert.equal(judge('jvm', '@Ignore("we no longer hash keys at serialization time")\nvoid t() {}', '@Ignore').onPurpose, 'obsolete: the behaviour was removed', 'the behaviour it checks was removed on purpose');
      assert.equal(onPurposeOf(['requires an Android emulator']), 'needs a device or emulator');
      assert.equal(onPurposeOf(['needs GITHUB_TOKEN credentials']), 'needs credentials');
      assert.equal(onPurposeOf(['hits the network']), 'needs a network or a server');
      assert.equal(onPurposeOf(['only in CI with --ignored']), 'run separately (--ignored)');
      assert.equal(onPurposeOf(['broken since the parser rewrite', 'test_parse']), undefined);
      // Folder words only speak for benchmarks and manual runs: every test under integration/ is not "on purpose".
      assert.equal(onPurposeOfPath('benchmarks/src/test/java/JsonBench.java'), 'a benchmark');
      assert.equal(onPurposeOfPath('tests/integration/test_network.py'), undefined);
    });

    it('a reason that says the case cannot be reached, or needs a device, a network or a default-off run', () => {
      const why = "Single's contract is onNext|onError so we have no way of triggering this case";
      assert.equal(judge('jvm', `@Ignore("${why}")\n@Test public void resultThrowingInOnErrorDeliveredToPlugin() {`, '@Ignore').onPurpose, 'cannot be triggered in a test');
      assert.equal(onPurposeOf(['not possible to test without a real clock']), 'cannot be triggered in a test');
      assert.equal(onPurposeOf(['we no longer hash keys at serialization time']), 'obsolete: the behaviour was removed');
      assert.equal(onPurposeOf(['the old parser was removed in 2.0']), 'obsolete: the behaviour was removed');
      assert.equal(onPurposeOf(['fails because long parsing uses Double.parseDouble()']), undefined, 'a known bug to fix is a task');
      assert.equal(onPurposeOf(["This can't be tested on the JVM"]), 'cannot be triggered in a test');
      assert.equal(onPurposeOf(['requires a real device']), 'needs a device or emulator');
      assert.equal(onPurposeOf(['requires an Android device']), 'needs a device or emulator');
      assert.equal(onPurposeOf(['needs network access']), 'needs a network or a server');
      assert.equal(onPurposeOf(["Don't run by default"]), 'for manual runs');
      // Must stay tasks: an ordinary failure, and not knowing how yet (that is the work).
      assert.equal(onPurposeOf(['Not actually failing where expected']), undefined);
      assert.equal(onPurposeOf(['Not sure how to test this']), undefined);
      assert.equal(onPurposeOf(['fails since the device registry refactor']), undefined);
    });

    it('a test in an instrumentation or device source set needs an emulator or a device', () => {
      const test = '@Test\n@Disabled("breaks conscrypt test")\nfun testBouncyCastleRequest() {';
      assert.equal(judge('jvm', test, '@Disabled', { path: 'android-test/src/androidTest/java/okhttp/android/test/OkHttpTest.kt' }).onPurpose, 'needs a device or emulator');
      assert.equal(onPurposeOfPath('lib/src/androidInstrumentedTest/kotlin/a/DbTest.kt'), 'needs a device or emulator');
      assert.equal(onPurposeOfPath('lib/src/iosSimulatorArm64Test/kotlin/a/FileTest.kt'), 'needs a device or emulator');
      // A JVM unit test (even an Android one) runs anywhere.
      assert.equal(judge('jvm', test, '@Disabled', { path: 'okhttp/src/jvmTest/kotlin/okhttp3/CallTest.kt' }).onPurpose, undefined);
      assert.equal(onPurposeOfPath('app/src/androidUnitTest/kotlin/a/ParserTest.kt'), undefined);
    });

    it('a test that never runs by design: an always-false assumption, or a disabled class with no assertions', () => {
      const compileOnly = '@Disabled\nclass KotlinSourceModernTest {\n  @BeforeEach\n  fun disabled() {\n    assumeFalse(true)\n  }\n\n  @Test\n  fun address() {\n    val url: HttpUrl = address.url\n  }\n}';
      assert.equal(judge('jvm', compileOnly, '@Disabled', { reasonIn: 'argument' }).onPurpose, 'never runs (an always-false assumption)');
      const inBody = '@Test\n@Disabled\nvoid parses() {\n  assumeTrue(false);\n  assertEquals(1, parse("1"));\n}';
      assert.equal(judge('jvm', inBody, '@Disabled').onPurpose, 'never runs (an always-false assumption)');
      const noAssertions = '@Ignore\nclass JavaApiTest {\n  @Test\n  public void builder() {\n    Client c = new Client.Builder().timeout(1).build();\n  }\n}';
      assert.equal(judge('jvm', noAssertions, '@Ignore').onPurpose, 'only checks that an API compiles (no assertions)');
      assert.equal(judge('jvm', '@Test\n@Disabled\nfun testGoogle() {\n  assumeNetwork()\n  client.get(url)\n}', '@Disabled').onPurpose, 'needs a network or a server');
      // Must stay tasks: a disabled class that asserts, a method with no assumption, and an always-false assumption
      // in ANOTHER test further down the file.
      const asserting = '@Ignore\nclass ParserTest {\n  @Test\n  public void parses() {\n    assertEquals(1, parse("1"));\n  }\n}';
      assert.equal(judge('jvm', asserting, '@Ignore').onPurpose, undefined);
      const other = '@Test\n@Disabled\nfun trailers() {\n  trailersAndCache()\n}\n\n@Test\nfun other() {\n  assumeFalse(true)\n}';
      assert.equal(judge('jvm', other, '@Disabled').onPurpose, undefined);
      assert.equal(judge('jvm', '@Test\n@Disabled\nfun proxy() {\n  platform.assumeConscrypt()\n  call()\n}', '@Disabled').onPurpose, undefined);
    });

    it('a file that disables five tests or more without a reason does so by design', () => {
      assert.equal(massDisabled(31, false), 'one of 31 tests disabled in this file');
      assert.equal(massDisabled(31, true), undefined, 'a skip with its own reason speaks for itself');
      assert.equal(massDisabled(4, false), undefined);
    });
  });
});
