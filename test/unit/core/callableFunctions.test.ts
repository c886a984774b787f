import { strict as assert } from 'node:assert';
import { callableFunctions, type CallableOptions } from '../../../src/core/callableFunctions';
import { sourceShape } from '../../../src/core/sourceShape';
import { languageOf } from '../../../src/core/testFileMatch';

/** The bare names of the functions a test can call in `text` (read as `file`). */
function callable(file: string, text: string, options: CallableOptions = {}): string[] {
  const language = languageOf(file)!;
  return callableFunctions(file, text, language, sourceShape(text, language), options).map((fn) => fn.bareName);
}

const body = (pad: string, end = ';') => [`${pad}if (x > 1) x = x - 1${end}`, `${pad}return x${end}`].join('\n');

describe('callableFunctions: what a test can call by name', () => {
  it('Go: exported names on exported types; not String() or other protocol methods', () => {
    const go = [
      'package cobra', '',
      'func Exported(x int) int {', body('\t', ''), '}',
      'func unexported(x int) int {', body('\t', ''), '}',
      'func (c *Command) Run(x int) int {', body('\t', ''), '}',
      'func (c *command) Visible(x int) int {', body('\t', ''), '}',
      'func (c *Command) String() string {', '\treturn "c"', '}', '',
    ].join('\n');
    assert.deepEqual(callable('cobra.go', go), ['Exported', 'Run']);
  });

  it('Java: public methods of non-private types, not overrides, constructors or package-private helpers', () => {
    const java = [
      'package com.g;', '', 'public final class Gson {',
      '  public Gson(int x) {', body('    '), '  }',
      '  public int toJson(int x) {', body('    '), '  }',
      '  int packagePrivate(int x) {', body('    '), '  }',
      '  private int hidden(int x) {', body('    '), '  }',
      '  @Override', '  public int hashCode() {', '    return 1;', '  }',
      '  @Override', '  public String describe(int x) {', body('    '), '  }',
      '  private static final class Inner {', '    public int inner(int x) {', body('      '), '    }', '  }',
      '}', '',
    ].join('\n');
    assert.deepEqual(callable('src/main/java/com/g/Gson.java', java), ['toJson']);
  });

  it('Kotlin: public by default, not private, internal, protected or override', () => {
    const kotlin = [
      'package okio', '', 'class Buffer {',
      '  fun read(x: Int): Int {', body('    ', ''), '  }',
      '  internal fun commonRead(x: Int): Int {', body('    ', ''), '  }',
      '  private fun hidden(x: Int): Int {', body('    ', ''), '  }',
      '  override fun toString(): String {', '    return ""', '  }',
      '}', '', 'internal class Hidden {', '  fun visible(x: Int): Int {', body('    ', ''), '  }', '}', '',
    ].join('\n');
    assert.deepEqual(callable('okio/Buffer.kt', kotlin), ['read']);
  });

  it('C#: public members of public types only', () => {
    const cs = [
      'namespace Polly;', '', 'public class Retry', '{',
      '    public int Execute(int x)', '    {', body('        '), '    }',
      '    int Hidden(int x)', '    {', body('        '), '    }',
      '    public override string ToString()', '    {', '        return "";', '    }',
      '}', '', 'internal sealed class Engine', '{', '    public int Run(int x)', '    {', body('        '), '    }', '}', '',
    ].join('\n');
    assert.deepEqual(callable('src/Retry.cs', cs), ['Execute']);
  });

  it('PHP: not private or protected, not magic methods', () => {
    const php = [
      '<?php', 'namespace Monolog;', '', 'class Logger', '{',
      '    public function addRecord($x)', '    {', body('        '), '    }',
      '    function implicit($x)', '    {', body('        '), '    }',
      '    protected function write($x)', '    {', body('        '), '    }',
      '    private function hidden($x)', '    {', body('        '), '    }',
      '    public function __toString()', '    {', '        return "";', '    }',
      '}', '',
    ].join('\n');
    assert.deepEqual(callable('src/Logger.php', php), ['addRecord', 'implicit']);
  });

  it('Swift: public or open, or in a public extension; never a protocol conformance the framework calls', () => {
    const swift = [
      'open class Session {',
      '    public func request(_ x: Int) -> Int {', body('        ', ''), '    }',
      '    func internalByDefault(_ x: Int) -> Int {', body('        ', ''), '    }',
      '}', '',
      'extension Session: RequestDelegate {',
      '    public func retryRequest(_ x: Int) -> Int {', body('        ', ''), '    }',
      '}', '',
      'public extension Session {',
      '    func download(_ x: Int) -> Int {', body('        ', ''), '    }',
      '}', '',
    ].join('\n');
    assert.deepEqual(callable('Source/Session.swift', swift), ['request', 'download']);
  });

  it('Python: no leading underscore on the function, its class or its module; no overload stubs', () => {
    const py = [
      'def get_root_path(name):', '    if name:', '        return name', '    return None', '',
      'def _helper(x):', '    return x', '',
      'class _Private:', '    def method(self):', '        return 1', '',
      'class Flask:', '    def create_url_adapter(self, request):', '        return request', '',
      '    def __repr__(self):', '        return ""', '',
      '@overload', 'def typed(x: int) -> int: ...', '',
    ].join('\n');
    assert.deepEqual(callable('src/flask/helpers.py', py), ['get_root_path', 'create_url_adapter']);
    assert.deepEqual(callable('src/flask/_internal.py', py), [], 'a private module is no public API');
  });

  it('Ruby: not in a private or protected section, nor made private by name, nor :nodoc:', () => {
    const rb = [
      'module Rack', '  class Static',
      '    def call(env)', '      env', '    end', '',
      '    def applicable_rules(path)', '      path', '    end', '',
      '    def later_private(x)', '      x', '    end',
      '    private :later_private', '',
      '    private', '',
      '    def hidden(x)', '      x', '    end', '',
      '    public', '',
      '    def public_again(x)', '      x', '    end',
      '  end', '',
      '  class Helper # :nodoc:', '    def helps(x)', '      x', '    end', '  end',
      '  class Files', '    private', '', '    def header(x)', '<<-EOF', 'part: #{x}', 'EOF', '    end', '', '    def each_range_part(x)', '      x', '    end', '  end',
      'end', '',
    ].join('\n');
    assert.deepEqual(callable('lib/rack/static.rb', rb), ['call', 'applicable_rules', 'public_again']);
  });

  it('JS/TS: what the module exports, methods assigned onto an exported object, methods of exported classes', () => {
    const js = [
      "'use strict';",
      'var res = Object.create(http.ServerResponse.prototype);',
      'module.exports = res;', '',
      'res.sendFile = function sendFile(path) {', body('  '), '};', '',
      '/**', ' * Internal.', ' * @private', ' */', '',
      'res.defaultConfiguration = function defaultConfiguration(x) {', body('  '), '};', '',
      'function helper(x) {', body('  '), '}', '',
      'other.thing = function thing(x) {', body('  '), '};', '',
    ].join('\n');
    assert.deepEqual(callable('lib/response.js', js), ['sendFile']);
    const ts = [
      'export function mergeConfig(a: number): number {', body('  '), '}', '',
      'function local(a: number): number {', body('  '), '}', '',
      'export class Axios {', '  request(x: number): number {', body('    '), '  }',
      '  private hidden(x: number): number {', body('    '), '  }', '}', '',
      'class Internal {', '  run(x: number): number {', body('    '), '  }', '}', '',
      'const listed = (x: number): number => {', body('  '), '};', '',
      'export { listed };', '',
    ].join('\n');
    assert.deepEqual(callable('lib/core/Axios.ts', ts), ['mergeConfig', 'request', 'listed']);
    const objectExport = ['function isArray(x) {', body('  '), '}', 'function kindOf(x) {', body('  '), '}', 'export default {', '  isArray,', '  kind: kindOf', '};', ''].join('\n');
    assert.deepEqual(callable('lib/utils.js', objectExport), ['isArray', 'kindOf']);
  });

  it('Rust: pub fn (not pub(crate)) on pub types; not new() or trait methods', () => {
    const rs = [
      'pub struct Error;', 'struct Hidden;', '',
      'impl Error {',
      '    pub fn new(x: u32) -> u32 {', body('        '), '    }',
      '    pub fn io_error(&self, x: u32) -> u32 {', body('        '), '    }',
      '    pub(crate) fn crate_only(&self, x: u32) -> u32 {', body('        '), '    }',
      '    fn private(&self, x: u32) -> u32 {', body('        '), '    }',
      '}', '',
      'impl Hidden {', '    pub fn unreachable(&self, x: u32) -> u32 {', body('        '), '    }', '}', '',
      'impl fmt::Display for Error {', '    fn fmt(&self, f: &mut Formatter) -> Result {', '        Ok(())', '    }', '}', '',
    ].join('\n');
    assert.deepEqual(callable('crates/ignore/src/lib.rs', rs), ['io_error']);
  });

  it('C++ headers: public members and free functions outside detail namespaces; C sources: declared in the header, not static', () => {
    const hpp = [
      'namespace fmt {', 'namespace detail {', 'inline int internal_helper(int x) {', body('  '), '}', '}  // namespace detail', '',
      'inline int format_to(int x) {', body('  '), '}', '',
      'class basic_specs {', ' int hidden(int x) {', body('   '), ' }', ' public:',
      ' basic_specs(int x) {', body('   '), ' }',
      ' void set_fill(int x) {', body('   '), ' }', ' private:', ' int secret(int x) {', body('   '), ' }', '};',
      'struct open_by_default : base {', ' int visible(int x) {', body('   '), ' }', ' int overridden(int x) override {', body('   '), ' }', '};', '}  // namespace fmt', '',
    ].join('\n');
    assert.deepEqual(callable('include/fmt/base.h', hpp), ['format_to', 'set_fill', 'visible']);
    const c = ['#include "sds.h"', '', 'sds sdsnew(int x) {', body('    '), '}', '', 'static int local(int x) {', body('    '), '}', '', 'int undeclared(int x) {', body('    '), '}', ''].join('\n');
    assert.deepEqual(callable('src/sds.c', c, { headerText: 'sds sdsnew(int x);\n' }), ['sdsnew']);
    assert.deepEqual(callable('src/sds.c', c), [], 'without its header nothing shows what is public');
  });

  it('C++ source files: an out-of-line method is named by its class and public only in its public part; a class of the file is its own', () => {
    const header = ['namespace leveldb {', 'class VersionSet {', ' public:', '  Status LogAndApply(VersionEdit* edit);', ' private:', '  void Finalize(Version* v);', '};', '}', ''].join('\n');
    const cc = ['#include "db/version_set.h"', 'namespace leveldb {', '',
      'Status VersionSet::LogAndApply(VersionEdit* edit) {', body('  '), '}', '',
      'void VersionSet::Finalize(Version* v) {', body('  '), '}', '',
      'class LevelFileNumIterator : public Iterator {', ' public:', '  bool Valid(int x) {', body('    '), '  }', '};', '}', ''].join('\n');
    const found = callableFunctions('db/version_set.cc', cc, 'cpp', sourceShape(cc, 'cpp'), { headerText: header });
    assert.deepEqual(found.map((f) => [f.displayName, f.owner]), [['VersionSet::LogAndApply', 'VersionSet']]);
  });

  it('leaves out functions their docs mark internal or deprecated', () => {
    const go = ['package a', '', '// Old does a thing.', '//', '// Deprecated: use New.', 'func Old(x int) int {', body('\t', ''), '}', '', 'func Fresh(x int) int {', body('\t', ''), '}', ''].join('\n');
    assert.deepEqual(callable('a.go', go), ['Fresh']);
    const py = ['def get_unicode_from_response(r):', '    """Returns the content."""', '    warnings.warn("In requests 3.0, this will be removed.", DeprecationWarning)', '    return r', '',
      'def fresh(r):', '    return r', ''].join('\n');
    assert.deepEqual(callable('src/requests/utils.py', py), ['fresh'], 'deprecated by a warning at the top of its body');
    const java = ['public class A {', '  @Deprecated', '  public int old(int x) {', body('    '), '  }', '  public int fresh(int x) {', body('    '), '  }', '}', ''].join('\n');
    assert.deepEqual(callable('A.java', java), ['fresh']);
  });

  it('gives aliases for commands and registered names, and the sentences of its messages', () => {
    const py = [
      'import click', '',
      '@click.command("routes", short_help="Show the routes.")',
      '@click.option("--sort")',
      'def routes_command(sort):',
      '    if not sort:',
      '        raise click.UsageError(f"No routes were registered for {sort} at all.")',
      '    return sort', '',
    ].join('\n');
    const [fn] = callableFunctions('src/flask/cli.py', py, 'python', sourceShape(py, 'python'));
    assert.equal(fn!.bareName, 'routes_command');
    assert.ok(fn!.aliases.includes('routes'), fn!.aliases.join());
    assert.ok(fn!.aliases.includes('routes-command'), fn!.aliases.join());
    assert.deepEqual(fn!.messages, ['No routes were registered for', 'at all.'].filter((m) => m.length >= 15));
    const go = ['package cobra', '', 'func NewCompletionCmd(x int) int {', body('\t', ''), '}', ''].join('\n');
    const [cmd] = callableFunctions('completions.go', go, 'go', sourceShape(go, 'go'));
    assert.ok(cmd!.aliases.includes('completion'), cmd!.aliases.join());
  });
});
