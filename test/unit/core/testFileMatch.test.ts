import { strict as assert } from 'node:assert';
import { isExampleFile, isSourceFile, isToolingFile, isTestFile, isTestSupportFile, languageOf, TestFileIndex } from '../../../src/core/testFileMatch';

describe('testFileMatch: test files by naming convention', () => {
  const tracked = [
    // JS/TS
    'src/a/cart.ts', 'src/a/cart.test.ts',
    'src/b/price.js', 'src/b/price.spec.jsx',
    'src/c/tax.ts', 'src/c/__tests__/tax.ts',
    'src/d/ship.mts', 'test/unit/d/ship.test.ts',
    'src/e/alone.ts',
    'src/f/index.ts', 'test/g/index.test.ts',
    'src/h/index.ts', 'test/h/index.test.ts',
    'lib/money.js', 'tests/money.test.js',
    // Python
    'app/tool.py', 'app/test_tool.py',
    'app/calc.py', 'app/calc_test.py',
    'pkg/store.py', 'tests/test_store.py',
    'pkg/lonely.py',
    // Go
    'pkg/parse.go', 'pkg/parse_test.go',
    'pkg/lex.go', 'pkg/lex_edge_test.go',
    'pkg/emit.go', 'other/emit_test.go',
    // Java / Kotlin
    'svc/src/main/java/a/B.java', 'svc/src/test/java/a/BTest.java',
    'svc/src/main/java/a/C.java', 'svc/src/test/java/a/CTests.java',
    'svc/src/main/java/a/D.java', 'svc/src/test/java/a/TestD.java',
    'svc/src/main/kotlin/a/E.kt', 'svc/src/test/kotlin/a/ETest.kt',
    'svc/src/main/java/a/F.java',
    // Rust
    'crate/src/parser.rs', 'crate/tests/parser.rs',
    'crate/src/lexer.rs', 'crate/src/inline.rs',
  ];
  const index = new TestFileIndex(tracked, new Set(['crate/src/inline.rs']));

  it('matches JS/TS tests beside the file, in __tests__ and under test folders', () => {
    assert.equal(index.findTestFile('src/a/cart.ts'), 'src/a/cart.test.ts');
    assert.equal(index.findTestFile('src/b/price.js'), 'src/b/price.spec.jsx');
    assert.equal(index.findTestFile('src/c/tax.ts'), 'src/c/__tests__/tax.ts');
    assert.equal(index.findTestFile('src/d/ship.mts'), 'test/unit/d/ship.test.ts');
    assert.equal(index.findTestFile('lib/money.js'), 'tests/money.test.js');
    assert.equal(index.hasTestFile('src/e/alone.ts'), false);
  });

  it('does not let a generic name match a test of another folder', () => {
    assert.equal(index.hasTestFile('src/f/index.ts'), false);
    assert.equal(index.findTestFile('src/h/index.ts'), 'test/h/index.test.ts');
  });

  it('matches Python, Go, Java/Kotlin and Rust conventions', () => {
    assert.equal(index.findTestFile('app/tool.py'), 'app/test_tool.py');
    assert.equal(index.findTestFile('app/calc.py'), 'app/calc_test.py');
    assert.equal(index.findTestFile('pkg/store.py'), 'tests/test_store.py');
    assert.equal(index.hasTestFile('pkg/lonely.py'), false);
    assert.equal(index.findTestFile('pkg/parse.go'), 'pkg/parse_test.go');
    assert.equal(index.findTestFile('pkg/lex.go'), 'pkg/lex_edge_test.go');
    assert.equal(index.hasTestFile('pkg/emit.go'), false, 'Go tests must be in the same folder');
    assert.equal(index.findTestFile('svc/src/main/java/a/B.java'), 'svc/src/test/java/a/BTest.java');
    assert.equal(index.findTestFile('svc/src/main/java/a/C.java'), 'svc/src/test/java/a/CTests.java');
    assert.equal(index.findTestFile('svc/src/main/java/a/D.java'), 'svc/src/test/java/a/TestD.java');
    assert.equal(index.findTestFile('svc/src/main/kotlin/a/E.kt'), 'svc/src/test/kotlin/a/ETest.kt');
    assert.equal(index.hasTestFile('svc/src/main/java/a/F.java'), false);
    assert.equal(index.findTestFile('crate/src/parser.rs'), 'crate/tests/parser.rs');
    assert.equal(index.findTestFile('crate/src/inline.rs'), 'crate/src/inline.rs');
    assert.equal(index.hasTestFile('crate/src/lexer.rs'), false);
  });

  it('tells tests, sources and files that need no test apart', () => {
    for (const f of ['src/a/cart.test.ts', 'test/unit/d/ship.test.ts', 'app/test_tool.py', 'pkg/parse_test.go', 'svc/src/test/java/a/BTest.java', 'tests/conftest.py'])
      assert.ok(isTestFile(f), f);
    for (const f of ['src/a/cart.ts', 'app/tool.py', 'svc/src/main/java/a/B.java', 'crate/src/parser.rs']) assert.ok(isSourceFile(f), f);
    for (const f of ['src/a/cart.test.ts', 'types/x.d.ts', 'web/app.min.js', 'vite.config.ts', 'node_modules/x/y.js', 'pkg/__init__.py',
      'README.md', 'docs/conf.py', 'test/fixtures/a.ts', '.github/scripts/x.js', 'crate/build.rs'])
      assert.ok(!isSourceFile(f), f);
  });

  it('matches C, C++, C#, Ruby, PHP, Swift and Scala conventions', () => {
    const more = new TestFileIndex([
      'src/ae.c', 'tests/test_ae.c',
      'db/db_impl.cc', 'db/db_impl_test.cc',
      'src/format.cc', 'include/fmt/format.h', 'test/format-test.cc',
      'util/coding.cc', 'util/coding_unittest.cc',
      'src/lonely.c',
      'src/Polly/Retry/RetryEngine.cs', 'test/Polly.Specs/Retry/RetryEngineSpecs.cs',
      'src/Polly.Core/Hedging/HedgingHandler.cs', 'test/Polly.Core.Tests/Hedging/HedgingHandlerTests.cs',
      'lib/rack/request.rb', 'test/spec_request.rb',
      'lib/rack/lint.rb', 'spec/rack/lint_spec.rb',
      'lib/rack/utils.rb', 'test/test_utils.rb',
      'src/Monolog/Logger.php', 'tests/Monolog/LoggerTest.php',
      'Source/Core/Session.swift', 'Tests/SessionTests.swift',
      'os/src/Path.scala', 'os/test/src/PathTests.scala',
      'core/src/main/scala/a/Parser.scala', 'core/src/test/scala/a/ParserSpec.scala',
      'core/src/main/scala/a/Lexer.scala', 'core/src/test/scala/a/LexerSuite.scala',
    ]);
    assert.equal(more.findTestFile('src/ae.c'), 'tests/test_ae.c');
    assert.equal(more.findTestFile('db/db_impl.cc'), 'db/db_impl_test.cc');
    assert.equal(more.findTestFile('src/format.cc'), 'test/format-test.cc');
    assert.equal(more.findTestFile('include/fmt/format.h'), 'test/format-test.cc', 'a header and its source share the stem');
    assert.equal(more.findTestFile('util/coding.cc'), 'util/coding_unittest.cc');
    assert.equal(more.hasTestFile('src/lonely.c'), false);
    assert.equal(more.findTestFile('src/Polly/Retry/RetryEngine.cs'), 'test/Polly.Specs/Retry/RetryEngineSpecs.cs');
    assert.equal(more.findTestFile('src/Polly.Core/Hedging/HedgingHandler.cs'), 'test/Polly.Core.Tests/Hedging/HedgingHandlerTests.cs');
    assert.equal(more.findTestFile('lib/rack/request.rb'), 'test/spec_request.rb');
    assert.equal(more.findTestFile('lib/rack/lint.rb'), 'spec/rack/lint_spec.rb');
    assert.equal(more.findTestFile('lib/rack/utils.rb'), 'test/test_utils.rb', 'a generic name that only one source has is not ambiguous');
    assert.equal(more.findTestFile('src/Monolog/Logger.php'), 'tests/Monolog/LoggerTest.php');
    assert.equal(more.findTestFile('Source/Core/Session.swift'), 'Tests/SessionTests.swift');
    assert.equal(more.findTestFile('os/src/Path.scala'), 'os/test/src/PathTests.scala');
    assert.equal(more.findTestFile('core/src/main/scala/a/Parser.scala'), 'core/src/test/scala/a/ParserSpec.scala');
    assert.equal(more.findTestFile('core/src/main/scala/a/Lexer.scala'), 'core/src/test/scala/a/LexerSuite.scala');
  });

  it('matches Kotlin Multiplatform source sets and files named -Util.kt', () => {
    const kmp = new TestFileIndex([
      'okio/src/commonMain/kotlin/okio/Buffer.kt', 'okio/src/jvmTest/kotlin/okio/BufferTest.kt',
      'okio/src/jvmMain/kotlin/okio/Pipe.kt', 'okio/src/commonTest/kotlin/okio/PipeTest.kt',
      'okio/src/commonMain/kotlin/okio/internal/-Utf8.kt', 'okio/src/commonTest/kotlin/okio/internal/Utf8Test.kt',
      'other/src/commonMain/kotlin/okio/Source.kt', 'okio/src/jvmTest/kotlin/okio/SourceTest.kt',
      'okhttp/src/commonJvmAndroid/kotlin/okhttp3/internal/-CacheControlCommon.kt', 'okhttp/src/jvmTest/kotlin/okhttp3/internal/CacheControlTest.kt',
    ]);
    assert.equal(kmp.findTestFile('okhttp/src/commonJvmAndroid/kotlin/okhttp3/internal/-CacheControlCommon.kt'), 'okhttp/src/jvmTest/kotlin/okhttp3/internal/CacheControlTest.kt');
    assert.equal(kmp.findTestFile('okio/src/commonMain/kotlin/okio/Buffer.kt'), 'okio/src/jvmTest/kotlin/okio/BufferTest.kt');
    assert.equal(kmp.findTestFile('okio/src/jvmMain/kotlin/okio/Pipe.kt'), 'okio/src/commonTest/kotlin/okio/PipeTest.kt');
    assert.equal(kmp.findTestFile('okio/src/commonMain/kotlin/okio/internal/-Utf8.kt'), 'okio/src/commonTest/kotlin/okio/internal/Utf8Test.kt');
    assert.ok(isTestFile('okio/src/jvmTest/kotlin/okio/BufferTest.kt') && isTestFile('okio/src/androidUnitTest/kotlin/A.kt'));
  });

  it('takes a test with the very stem of the source under a test folder, in any language', () => {
    const index = new TestFileIndex([
      'lib/adapters/fetch.js', 'test/unit/adapters/fetch.js',
      'src/expire.c', 'tests/unit/expire.tcl',
      'crates/core/walk.rs', 'crates/ignore/tests/walk.rs',
      'pkg/a/utils.py', 'pkg/b/utils.py', 'tests/utils.py',
      'lib/core/Axios.js', 'test/unit/adapters/axios.png', 'src/flask/app.py', 'tests/test_apps/cliapp/app.py',
    ]);
    assert.equal(index.findTestFile('lib/core/Axios.js'), undefined, 'an image under test/ tests nothing');
    assert.equal(index.findTestFile('src/flask/app.py'), undefined, 'a sample app a test drives is no test of app.py');
    assert.equal(index.findTestFile('lib/adapters/fetch.js'), 'test/unit/adapters/fetch.js');
    assert.equal(index.findTestFile('src/expire.c'), 'tests/unit/expire.tcl');
    assert.equal(index.findTestFile('crates/core/walk.rs'), undefined, 'a test of another crate');
    assert.equal(index.findTestFile('pkg/a/utils.py'), undefined, 'a generic name two sources share');
    assert.ok(index.isTest('tests/unit/expire.tcl') && !index.isTest('src/expire.c'));
  });

  it('takes one test file named after the package, inside the package folder\'s tree', () => {
    const index = new TestFileIndex([
      'os/watch/src/WatchServiceWatcher.scala', 'os/watch/test/src/WatchTests.scala',
      'os/src/Path.scala', 'os/test/src/OtherTests.scala',
      'lib/http/client.ts', 'lib/http/test/http.test.ts',
      'other/watch/Watcher.scala',
      'src/main/Server.java', 'src/test/MainTest.java',
    ]);
    assert.equal(index.findTestFile('os/watch/src/WatchServiceWatcher.scala'), 'os/watch/test/src/WatchTests.scala');
    assert.equal(index.findTestFile('lib/http/client.ts'), 'lib/http/test/http.test.ts');
    assert.equal(index.findTestFile('other/watch/Watcher.scala'), undefined, 'a package of the same name elsewhere');
    assert.equal(index.findTestFile('os/src/Path.scala'), undefined);
    assert.equal(index.findTestFile('src/main/Server.java'), undefined, 'main is a layout folder, not a package');
  });

  it('knows build, CI and tool configuration and scripts from product code', () => {
    for (const file of ['karma.conf.cjs', 'webpack.config.js', 'Makefile', 'src/CMakeLists.txt', 'cmake/Flags.cmake', '.github/workflows/ci.yml', 'scripts/release.js', 'tools/gen.py', '.eslintrc.js', 'build.gradle']) {
      assert.equal(isToolingFile(file), true, file);
    }
    for (const file of ['src/config.ts', 'lib/rack/builder.rb', 'src/server.c', 'pkg/tools/parse.go', 'app/settings.py']) assert.equal(isToolingFile(file), false, file);
  });

  it('finds Rust tests inside the file when told, as the test file itself', () => {
    const rust = new TestFileIndex(['crates/a/src/walk.rs', 'crates/a/src/dir.rs'], new Set(['crates/a/src/walk.rs']));
    assert.equal(rust.findTestFile('crates/a/src/walk.rs'), 'crates/a/src/walk.rs');
    assert.equal(rust.hasTestFile('crates/a/src/dir.rs'), false);
  });

  it('keeps test helpers, benchmarks, examples, build scripts and tooling out of the sources', () => {
    for (const f of [
      'okio-testing-support/src/commonMain/kotlin/okio/TestingCommon.kt', 'lib/src/testFixtures/java/a/Fixture.java',
      'src/Polly.Testing/Extensions.cs', 'util/testutil.cc', 'pkg/internal/testutil/server.go', 'app/src/main/java/a/FakeClock.java',
      'src/Monolog/Handler/TestHandler.php', 'lib/mocks/client.ts', 'android-test-app/src/main/kotlin/MainActivity.kt',
    ]) {
      assert.ok(isTestSupportFile(f), f);
      assert.ok(!isSourceFile(f), f);
      assert.ok(!isTestFile(f), `${f} is no test`);
    }
    for (const f of [
      'gson/src/main/java/com/google/gson/package-info.java', 'benches/parse.rs', 'bench/Polly.Core.Benchmarks/Run.cs',
      'metrics/src/main/java/a/ParseBenchmark.java', 'examples/server.go', 'samples/src/jvmMain/kotlin/Hello.kt',
      'watchOS Example/Source/App.swift', 'Package.swift', 'setup.py', 'Rakefile.rb', 'build.rs', 'buildSrc/src/main/kotlin/Deps.kt',
      'scripts/release.py', 'utils/generate-command-code.py', 'bin/sponsors.js', 'cake.cs', 'sandbox/server.js', 'website/1.x/script.js',
    ]) assert.ok(!isSourceFile(f), f);
    for (const f of ['src/server.c', 'include/fmt/format.h', 'src/fmt.cc', 'src/Polly/Policy.cs', 'lib/rack/request.rb', 'src/Monolog/Logger.php',
      'Source/Core/Session.swift', 'os/src/Path.scala', 'okhttp/src/main/kotlin/okhttp3/ConnectionSpec.kt', 'okhttp/src/main/kotlin/okhttp3/CipherSuite.kt'])
      assert.ok(isSourceFile(f), f);
    assert.equal(languageOf('src/a.hpp'), 'cpp');
  });

  it('knows example, sample, demo and tutorial code by folder or name', () => {
    for (const f of ['examples/server.go', 'samples/slack/src/main/java/okhttp3/slack/RtmSession.java', 'okhttp-sample/Main.kt',
      'docs/tutorials/step1.py', 'watchOS Example/Source/App.swift', 'port/port_example.h', 'demo.py', 'http/example_client_test.go']) {
      assert.ok(isExampleFile(f), f);
      assert.ok(!isSourceFile(f), f);
    }
    for (const f of ['src/example_parser.go', 'lib/sampler.go', 'src/main/java/stats/Sample.java', 'src/demonstrate.rs', 'tests/test_examples_api.py'])
      assert.ok(!isExampleFile(f), f);
    assert.equal(languageOf('README.md'), undefined);
  });
});

