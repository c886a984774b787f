import { strict as assert } from 'node:assert';
import { MIN_LOGIC_LINES, sourceShape, whyNotWorthTesting } from '../../../src/core/sourceShape';
import type { SourceLanguage } from '../../../src/core/testFileMatch';
import { pyFunction, tsFunction } from '../helpers/codeSamples';

const lines = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join('\n');
const why = (text: string, language: SourceLanguage) => whyNotWorthTesting(sourceShape(text, language));

describe('sourceShape: what there is to test in a file', () => {
  it('finds no logic in interfaces, annotations, package-info, constants and type declarations', () => {
    const javaInterface = 'package a;\n\n/** Doc { } */\npublic interface JsonSerializer<T> {\n  JsonElement serialize(T src, Type t);\n  default int x();\n}\n';
    assert.equal(why(javaInterface, 'java'), 'noLogic');
    assert.deepEqual(sourceShape(javaInterface, 'java').types, [{ name: 'JsonSerializer', kind: 'interface' }]);
    assert.equal(why('package a;\n@Retention(RUNTIME)\npublic @interface Expose {\n  boolean serialize() default true;\n}\n', 'java'), 'noLogic');
    assert.equal(sourceShape('public @interface Expose {\n}\n', 'java').types[0]?.kind, 'annotation');
    assert.equal(why('/** Docs. */\npackage com.google.gson;\n', 'java'), 'noLogic');
    assert.equal(why(`public final class Limits {\n${lines(30, (i) => `  public static final int L${i} = ${i};`)}\n}\n`, 'java'), 'noLogic');
    assert.equal(why(`${lines(30, (i) => `export const LIMIT_${i} = ${i};`)}\nexport const table = {\n  a: 1,\n};\n`, 'ts'), 'noLogic');
    assert.equal(why(`package a\n\nconst (\n${lines(20, (i) => `\tK${i} = ${i}`)}\n)\n\ntype Point struct {\n\tX int\n}\n`, 'go'), 'noLogic');
    assert.equal(why(`export interface Options {\n${lines(20, (i) => `  o${i}?: string;`)}\n}\nexport type Id = string;\n`, 'ts'), 'noLogic');
    assert.equal(why(`#ifndef A_H\n#define A_H\nstruct x {\n  int a;\n};\nint parse(const char *s, int n);\n#endif\n`, 'c'), 'noLogic');
  });

  it('finds no logic in re-export, mod and __init__ files', () => {
    assert.equal(why('mod a;\nmod b;\npub use crate::a::{A, B};\npub use b::*;\n', 'rust'), 'noLogic');
    assert.equal(why('"""The package."""\nfrom .app import Flask as Flask\nfrom .helpers import url_for\n__all__ = ["Flask"]\n', 'python'), 'noLogic');
    assert.equal(why("export * from './a';\nexport { b } from './b';\nmodule.exports = require('./c');\n", 'ts'), 'noLogic');
    assert.equal(why("'use strict';\nmodule.exports = require('./lib/express');\n", 'js'), 'noLogic');
  });

  it('leaves out an exception class with no decisions, and a file under the logic minimum', () => {
    const exception = `public class JsonParseException extends RuntimeException {\n${lines(6, (i) => `  public JsonParseException(String m${i}) {\n    super(m${i});\n    this.code = ${i};\n    this.at = m${i}.length();\n  }`)}\n}\n`;
    assert.equal(why(exception, 'java'), 'exception');
    assert.equal(why('class ConfigError(Exception):\n    def __init__(self, m):\n        super().__init__(m)\n', 'python'), 'exception');
    assert.equal(why(tsFunction('small', { statements: MIN_LOGIC_LINES - 1 }), 'ts'), 'small');
    assert.equal(why(tsFunction('enough', { statements: MIN_LOGIC_LINES }), 'ts'), undefined);
    assert.equal(why(pyFunction('enough'), 'python'), undefined);
  });

  it('counts lines of logic, branches and functions, and names methods by their type', () => {
    const java = [
      'package a.b;',
      'import java.util.List;',
      '',
      'public final class Cart {',
      '  private final List<Item> items;',
      '',
      '  @Override',
      '  public int total(int discount)',
      '      throws IOException {',
      '    int sum = 0;',
      '    for (Item i : items) {',
      '      if (i.price() > 0 && !i.free()) sum += i.price();',
      '    }',
      '    return sum - discount;',
      '  }',
      '',
      '  static final Comparator<Item> BY_PRICE = new Comparator<Item>() {',
      '    @Override public int compare(Item a, Item b) { return a.price() - b.price(); }',
      '  };',
      '}',
    ].join('\n');
    const shape = sourceShape(java, 'java');
    assert.equal(shape.packageName, 'a.b');
    assert.deepEqual(shape.types, [{ name: 'Cart', kind: 'class' }]);
    assert.deepEqual(shape.functions.map((f) => [f.name, f.line, f.endLine, f.logicLines, f.branches]), [['Cart.total', 8, 15, 4, 3], ['Cart.compare', 18, 18, 1, 0]]);
    assert.equal(shape.logicLines, 5);
  });

  it('reads C functions with the brace on its own line, and Go methods and functions as declared names', () => {
    const c = 'static int\nparse(const char *s,\n      int n)\n{\n    if (n < 0)\n        return -1;\n    return n;\n}\n';
    assert.deepEqual(sourceShape(c, 'c').functions.map((f) => [f.name, f.logicLines, f.branches]), [['parse', 3, 1]]);
    const go = 'package cobra\n\ntype Command struct {\n\tUse string\n}\n\nfunc (c *Command) Execute() error {\n\tif c == nil {\n\t\treturn nil\n\t}\n\treturn c.run()\n}\n\nfunc helper() {}\n';
    const shape = sourceShape(go, 'go');
    assert.equal(shape.packageName, 'cobra');
    assert.deepEqual(shape.topLevelNames, ['Execute', 'helper']);
    assert.deepEqual(shape.types, [{ name: 'Command', kind: 'class' }]);
  });

  it('does not count a Rust inline test module, and reads back past a where clause for the function name', () => {
    const rust = [
      'pub struct Finder;',
      'impl Finder {',
      '    pub fn find<F>(',
      '        &self,',
      '        f: F,',
      '    ) -> bool',
      '    where',
      '        F: FnMut(u8) -> bool,',
      '    {',
      '        if self.ok() { return true; }',
      '        false',
      '    }',
      '}',
      '#[cfg(test)]',
      'mod tests {',
      '    #[test]',
      '    fn finds() {',
      '        assert!(super::Finder.find(|_| true));',
      '        assert!(true);',
      '    }',
      '}',
    ].join('\n');
    const shape = sourceShape(rust, 'rust');
    assert.deepEqual(shape.functions.map((f) => [f.name, f.logicLines]), [['Finder::find', 2]]);
  });

  it('reads Python and Ruby bodies by indentation, multi-line signatures and one-line functions too', () => {
    const py = [
      'import os',
      '',
      '@t.overload',
      'def load(',
      '    path: str,',
      ') -> str: ...',
      'def load(',
      '    path: str,',
      ') -> str:',
      '    """Reads it.',
      '',
      'Unindented docs.',
      '    """',
      '    if not path:',
      '        raise ValueError(path)',
      '    return open(path).read()',
      '',
      'class Store:',
      '    def get(self, key): return self.data[key]',
      '',
      'CONSTANT = 1',
    ].join('\n');
    const shape = sourceShape(py, 'python');
    assert.deepEqual(shape.functions.map((f) => [f.name, f.line, f.logicLines, f.branches]), [['load', 4, 0, 0], ['load', 7, 3, 1], ['Store.get', 19, 1, 0]]);
    assert.deepEqual(shape.topLevelNames, ['load']);
    const rb = 'module Rack\n  class Request\n    def host\n      return nil unless @env\n      @env["HTTP_HOST"]\n    end\n\n    def ssl?; scheme == "https"; end\n  end\nend\n';
    assert.deepEqual(sourceShape(rb, 'ruby').functions.map((f) => [f.name, f.logicLines, f.branches]), [['Request.host', 2, 1], ['Request.ssl?', 1, 0]]);
  });

  it('reads Kotlin and Scala expression bodies, and keeps C# and Swift extension methods as names', () => {
    const kt = 'package okio\n\nfun String.decodeHex(): ByteString = commonDecodeHex()\n\nfun ByteString.big(): Int =\n  size *\n    2\n\nclass X\n';
    const shape = sourceShape(kt, 'kotlin');
    assert.deepEqual(shape.functions.map((f) => [f.name, f.logicLines]), [['decodeHex', 1], ['big', 2]]);
    assert.deepEqual(shape.topLevelNames, ['decodeHex', 'big']);
    const cs = 'namespace Polly;\npublic static class RetrySyntax\n{\n    public static RetryPolicy Retry<T>(\n        this PolicyBuilder builder, int count)\n        where T : notnull\n    {\n        return new RetryPolicy(builder, count);\n    }\n}\n';
    assert.deepEqual(sourceShape(cs, 'csharp').extensionNames, ['Retry']);
    const swift = 'extension Result {\n    func mapValue() -> Int {\n        return 1\n    }\n}\n';
    assert.deepEqual(sourceShape(swift, 'swift').extensionNames, ['mapValue']);
    assert.deepEqual(sourceShape(swift, 'swift').types, [], 'an extension declares no type');
  });

  it('reads a C function that takes a struct as a function, not a struct declaration', () => {
    const c = 'struct parser { int pos; };\n\nstatic void parser_init(struct parser* p, int flags) {\n  p->pos = flags;\n  if (flags) p->pos++;\n}\n';
    assert.deepEqual(sourceShape(c, 'c').functions.map((f) => [f.name, f.line, f.endLine, f.branches]), [['parser_init', 3, 6, 1]]);
  });

  it('starts a Kotlin override after expression-bodied overrides at its own line, and still reads a C++ override tail', () => {
    const kt = 'object Fs : FileSystem() {\n  override fun source(file: Path) = variantSource(file)\n\n  override fun sink(file: Path) = variantSink(file)\n\n  override fun createDirectory(dir: Path) {\n    val result = mkdir(dir)\n    if (result != 0) throw IOException()\n  }\n}\n';
    assert.deepEqual(sourceShape(kt, 'kotlin').functions.map((f) => [f.name, f.line, f.endLine]), [['source', 2, 2], ['sink', 4, 4], ['Fs.createDirectory', 6, 9]]);
    const cpp = 'class Widget : public Base {\n  void draw(int x) const\n      override {\n    paint(x);\n  }\n};\n';
    assert.deepEqual(sourceShape(cpp, 'cpp').functions.map((f) => [f.name, f.line]), [['Widget::draw', 2]]);
  });
});
