import { strict as assert } from 'node:assert';
import { isSourceFile, isTestFile, TestFileIndex } from '../../../src/core/testFileMatch';

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
});
