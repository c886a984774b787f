import { strict as assert } from 'node:assert';
import { fileSurface } from '../../../src/core/fileSurface';

describe('core/fileSurface: internal and deprecated files are no file-level test gap', () => {
  it('reads each language\'s visibility of its top-level types', () => {
    assert.equal(fileSurface('package a;\n\nfinal class OnSubscribe<T> {\n  void call() {}\n}\n', 'java'), 'internal', 'Java package-private');
    assert.equal(fileSurface('package a;\n\npublic final class Calls {\n  void call() {}\n}\n', 'java'), undefined);
    assert.equal(fileSurface('package okio\n\ninternal class NodeJsFileHandle(\n  private val fd: Number,\n) : FileHandle()\n', 'kotlin'), 'internal');
    assert.equal(fileSurface('package okio\n\nclass Buffer : BufferedSource {\n}\n\ninternal fun helper() = 1\n', 'kotlin'), undefined, 'Kotlin is public unless it says so');
    assert.equal(fileSurface('package okio\n\ninternal class A\n\nfun publicTopLevel(): Int = 1\n', 'kotlin'), undefined, 'a public top-level function');
    assert.equal(fileSurface('namespace Polly.Utils\n{\n    internal sealed class Gate\n    {\n    }\n}\n', 'csharp'), 'internal');
    assert.equal(fileSurface('namespace Polly;\n\npublic class Policy\n{\n}\n', 'csharp'), undefined);
    assert.equal(fileSurface('import Foundation\n\nstruct RequestTaskMap {\n    var count: Int\n}\n', 'swift'), 'internal');
    assert.equal(fileSurface('import Foundation\n\npublic final class Session {\n}\n', 'swift'), undefined);
    assert.equal(fileSurface('extension String {\n    public var x: Int { 1 }\n}\n', 'swift'), undefined, 'an extension says nothing');
    assert.equal(fileSurface('def f():\n    return 1\n', 'python'), undefined, 'a language without declared visibility');
  });

  it('reads a deprecation or @internal in the doc comment of the file\'s first type', () => {
    const php = '<?php\n\nnamespace Monolog\\Handler;\n\n/**\n * Logs to Cube.\n *\n * @deprecated Since 2.8.0 and 3.2.0, Cube appears abandoned\n */\nclass CubeHandler extends AbstractProcessingHandler\n{\n}\n';
    assert.equal(fileSurface(php, 'php'), 'deprecated');
    assert.equal(fileSurface(php.replace(' * @deprecated Since 2.8.0 and 3.2.0, Cube appears abandoned\n', ''), 'php'), undefined, 'PHP classes are public');
    assert.equal(fileSurface('/**\n * @deprecated use Builder\n */\npublic class Old {\n}\n', 'java'), 'deprecated');
    assert.equal(fileSurface('@Deprecated("use x")\nclass Old\n', 'kotlin'), 'deprecated');
    assert.equal(fileSurface('/** @internal */\npublic class Impl {\n}\n', 'java'), 'internal');
  });
});
