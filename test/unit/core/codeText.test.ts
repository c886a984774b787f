import { strict as assert } from 'node:assert';
import { codeLines, stringLiterals } from '../../../src/core/codeText';

describe('codeText: comments out, strings emptied, lines kept', () => {
  it('removes C-family comments and empties strings, line for line', () => {
    const text = 'int a = 1; // { not code\n/* a {\n block */ char *s = "{ }";\nchar c = \'{\';\n';
    assert.deepEqual(codeLines(text, 'c'), ['int a = 1; ', '', ' char *s = "";', "char c = '';", '']);
  });

  it('reads a Rust lifetime and a C++ digit separator as code, not as an open character literal', () => {
    assert.deepEqual(codeLines("fn f<'a>(x: &'a str) -> &'a str { x }\n", 'rust'), ["fn f<'a>(x: &'a str) -> &'a str { x }", '']);
    assert.deepEqual(codeLines("int n = 1'000'000; // {\n", 'cpp'), ["int n = 1'000'000; ", '']);
  });

  it('keeps a JavaScript regex literal from opening a string or a comment, but not a division', () => {
    assert.deepEqual(codeLines("const re = /['\"]/g; const h = a / b; // x\n", 'js'), ['const re = / /g; const h = a / b; ', '']);
    assert.deepEqual(codeLines('const t = `a\n{ b }\nc`; f();\n', 'ts'), ['const t = `', '', '`; f();', '']);
  });

  it('keeps the indentation of a line that closes a Python docstring, and drops # comments', () => {
    const text = 'def f():\n    """Doc\n    { text }\n    """\n    return 1  # done\n';
    assert.deepEqual(codeLines(text, 'python'), ['def f():', '    "', '    ', '    "', '    return 1  ', '']);
  });

  it('drops Ruby =begin blocks and PHP # comments', () => {
    assert.deepEqual(codeLines('=begin\ndef x\n=end\nputs 1 # y\n', 'ruby'), ['', '', '', 'puts 1 ', '']);
    assert.deepEqual(codeLines("<?php\n# note {\n$a = 'x'; // y\n", 'php'), ['<?php', '', "$a = ''; ", '']);
  });

  it('gives the strings that start on each line, for import specifiers', () => {
    const found = stringLiterals("import a from './a';\nconst b = require(\"../b\"); // 'c'\n", 'ts');
    assert.deepEqual([...found], [[1, ['./a']], [2, ['../b']]]);
  });
});
