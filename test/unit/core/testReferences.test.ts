import { strict as assert } from 'node:assert';
import { sourceShape } from '../../../src/core/sourceShape';
import { languageOf } from '../../../src/core/testFileMatch';
import { TestReferenceIndex } from '../../../src/core/testReferences';

/** An index over `files` (path → text), the tests among them added; `refersTo` asks with the source's own shape. */
function index(files: Record<string, string>, tests: readonly string[]) {
  const refs = new TestReferenceIndex(Object.keys(files));
  for (const test of tests) refs.add(test, files[test]!);
  const refersTo = (source: string) => {
    const shape = sourceShape(files[source] ?? '', languageOf(source)!);
    return refs.referrerOf(source, { packageName: shape.packageName, names: [...shape.types.map((t) => t.name), ...shape.topLevelNames, ...shape.extensionNames] });
  };
  return { refs, refersTo };
}

describe('testReferences: what the tests import and use', () => {
  it('resolves JS/TS relative imports, requires and mocks with extensions and index files, never bare packages', () => {
    const { refs } = index({
      'lib/request.js': '', 'lib/router/index.js': '', 'src/util.ts': '', 'src/esm.ts': '', 'src/unused.ts': '', 'index.js': '',
      'test/req.js': "const request = require('../lib/request');\nconst express = require('..');\n// require('../src/unused')\n",
      'src/a.test.ts': "import { u } from './util';\nimport x from './esm.js';\nimport e from 'express';\njest.mock('../lib/router');\n",
    }, ['test/req.js', 'src/a.test.ts']);
    assert.equal(refs.importerOf('lib/request.js'), 'test/req.js');
    assert.equal(refs.importerOf('index.js'), 'test/req.js');
    assert.equal(refs.importerOf('src/util.ts'), 'src/a.test.ts');
    assert.equal(refs.importerOf('src/esm.ts'), 'src/a.test.ts', './esm.js names the TypeScript source');
    assert.equal(refs.importerOf('lib/router/index.js'), 'src/a.test.ts');
    assert.equal(refs.importerOf('src/unused.ts'), undefined, 'a commented-out require does not count');
  });

  it('resolves Python imports against any package root, relative ones and parenthesised lists too', () => {
    const { refs } = index({
      'src/flask/__init__.py': '', 'src/flask/helpers.py': '', 'src/flask/json/tag.py': '', 'src/flask/ctx.py': '', 'src/flask/cli.py': '',
      'tests/test_basic.py': 'import flask\nfrom flask.json import tag as t\nfrom flask import (\n    ctx,\n    helpers,\n)\n',
      'tests/conftest.py': '', 'tests/test_rel.py': 'from .conftest import app\n',
    }, ['tests/test_basic.py', 'tests/test_rel.py']);
    assert.equal(refs.importerOf('src/flask/__init__.py'), 'tests/test_basic.py');
    assert.equal(refs.importerOf('src/flask/json/tag.py'), 'tests/test_basic.py');
    assert.equal(refs.importerOf('src/flask/helpers.py'), 'tests/test_basic.py');
    assert.equal(refs.importerOf('src/flask/ctx.py'), 'tests/test_basic.py');
    assert.equal(refs.importerOf('src/flask/cli.py'), undefined);
    assert.equal(refs.importerOf('tests/conftest.py'), 'tests/test_rel.py');
  });

  it('counts what an imported file imports as imported by the test, round by round, each file once', () => {
    const files: Record<string, string> = {
      'src/requests/__init__.py': 'from .api import get\nfrom . import sessions\n', 'src/requests/api.py': 'from .sessions import Session\n',
      'src/requests/sessions.py': '', 'src/requests/models.py': '',
      'index.js': "module.exports = require('./lib/express');\n", 'lib/express.js': "var req = require('./request');\n", 'lib/request.js': '',
      'lib/rack.rb': 'module Rack\n  autoload :Request, "rack/request"\nend\n', 'lib/rack/request.rb': '',
      'tests/test_api.py': 'import requests\n', 'test/app.js': "const express = require('../');\n", 'test/spec_x.rb': "require 'rack'\n",
    };
    const refs = new TestReferenceIndex(Object.keys(files));
    for (const test of ['tests/test_api.py', 'test/app.js', 'test/spec_x.rb']) refs.add(test, files[test]!);
    const round = () => {
      const next = refs.importedToFollow();
      for (const file of next) refs.addEntryPoint(file, files[file]!);
      return next.sort();
    };
    assert.deepEqual(round(), ['index.js', 'lib/rack.rb', 'src/requests/__init__.py']);
    assert.equal(refs.importerOf('src/requests/api.py'), 'tests/test_api.py');
    assert.equal(refs.importerOf('src/requests/sessions.py'), 'tests/test_api.py');
    assert.equal(refs.importerOf('lib/express.js'), 'test/app.js');
    assert.equal(refs.importerOf('lib/request.js'), undefined, 'two levels down: not read yet');
    assert.equal(refs.importerOf('lib/rack/request.rb'), 'test/spec_x.rb');
    assert.deepEqual(round(), ['lib/express.js', 'lib/rack/request.rb', 'src/requests/api.py', 'src/requests/sessions.py']);
    assert.equal(refs.importerOf('lib/request.js'), 'test/app.js', 'the test reaches it through lib/express.js');
    assert.equal(refs.importerOf('src/requests/models.py'), undefined, 'nothing imports it');
    assert.deepEqual(round(), ['lib/request.js']);
    assert.deepEqual(round(), [], 'each file is followed once');

    const c = new TestReferenceIndex(['port/port.h', 'port/port_stdcxx.h', 'port/zstd.cc', 'table/table_test.cc']);
    c.add('table/table_test.cc', '#include "port/port.h"\n');
    c.importedToFollow().forEach((file) => c.addEntryPoint(file, file === 'port/port.h' ? '#include "port/port_stdcxx.h"\n' : ''));
    assert.equal(c.importerOf('port/port_stdcxx.h'), 'table/table_test.cc', 'a header a test includes brings its own');
  });

  it('resolves Ruby requires and C/C++ includes; a C source counts through its header', () => {
    const { refs } = index({
      'lib/rack/request.rb': '', 'lib/rack/lint.rb': '', 'test/helper.rb': '',
      'test/spec_request.rb': "require_relative 'helper'\nrequire 'rack/request'\n",
      'src/sds.c': '', 'src/sds.h': '', 'src/util.c': '', 'lib/util.c': '', 'include/fmt/format.h': '', 'src/format.cc': '', 'src/other/util.h': '',
      'tests/sds_test.c': '#include "../src/sds.h"\n#include <fmt/format.h>\n#include "util.h"\n',
    }, ['test/spec_request.rb', 'tests/sds_test.c']);
    assert.equal(refs.importerOf('lib/rack/request.rb'), 'test/spec_request.rb');
    assert.equal(refs.importerOf('test/helper.rb'), 'test/spec_request.rb');
    assert.equal(refs.importerOf('lib/rack/lint.rb'), undefined);
    assert.equal(refs.importerOf('src/sds.c'), 'tests/sds_test.c', 'its header is included beside it');
    assert.equal(refs.importerOf('src/format.cc'), 'tests/sds_test.c', 'the only source of that stem');
    assert.equal(refs.importerOf('src/util.c'), undefined, 'src/other/util.h is in another folder, and two sources are called util');
  });

  it('matches Java and Kotlin names by package, import, wildcard import or qualified use, and Kotlin top-level functions', () => {
    const { refersTo } = index({
      'gson/src/main/java/com/google/gson/internal/bind/TypeAdapters.java': 'package com.google.gson.internal.bind;\npublic final class TypeAdapters {\n}\n',
      'gson/src/main/java/com/google/gson/Gson.java': 'package com.google.gson;\npublic final class Gson {\n}\n',
      'gson/src/main/java/com/google/gson/internal/Excluder.java': 'package com.google.gson.internal;\npublic final class Excluder {\n}\n',
      'gson/src/main/java/com/google/gson/stream/JsonReader.java': 'package com.google.gson.stream;\npublic class JsonReader {\n}\n',
      'gson/src/main/java/com/other/UnusedReader.java': 'package com.other;\npublic class UnusedReader {\n}\n',
      'okio/src/commonMain/kotlin/okio/internal/-Utf8.kt': 'package okio.internal\n\nfun ByteArray.commonToUtf8String(): String = ""\n',
      'gson/src/test/java/com/google/gson/functional/ObjectTest.java':
        'package com.google.gson.functional;\nimport com.google.gson.Gson;\nimport com.google.gson.stream.*;\n// TypeAdapters in a comment\nclass ObjectTest { Gson g; JsonReader r; Object e = com.google.gson.internal.Excluder.DEFAULT; }\n',
      'gson/src/test/java/com/google/gson/internal/bind/UsesItTest.java': 'package com.google.gson.internal.bind;\nclass UsesItTest { Object o = TypeAdapters.class; }\n',
      'okio/src/commonTest/kotlin/okio/Utf8Test.kt': 'package okio\nimport okio.internal.commonToUtf8String\nclass Utf8Test { val s = byteArrayOf().commonToUtf8String() }\n',
    }, ['gson/src/test/java/com/google/gson/functional/ObjectTest.java', 'gson/src/test/java/com/google/gson/internal/bind/UsesItTest.java', 'okio/src/commonTest/kotlin/okio/Utf8Test.kt']);
    assert.deepEqual(refersTo('gson/src/main/java/com/google/gson/Gson.java'), { testFile: 'gson/src/test/java/com/google/gson/functional/ObjectTest.java', name: 'Gson' });
    assert.equal(refersTo('gson/src/main/java/com/google/gson/stream/JsonReader.java')?.name, 'JsonReader', 'a wildcard import');
    assert.equal(refersTo('gson/src/main/java/com/google/gson/internal/Excluder.java')?.name, 'Excluder', 'a qualified use');
    assert.equal(refersTo('gson/src/main/java/com/google/gson/internal/bind/TypeAdapters.java')?.testFile, 'gson/src/test/java/com/google/gson/internal/bind/UsesItTest.java', 'the same package; the comment elsewhere does not count');
    assert.equal(refersTo('gson/src/main/java/com/other/UnusedReader.java'), undefined);
    assert.equal(refersTo('okio/src/commonMain/kotlin/okio/internal/-Utf8.kt')?.name, 'commonToUtf8String');
  });

  it('takes a Kotlin or Java file as tested when any test uses the type it is named after (its functions spread over files)', () => {
    const { refersTo } = index({
      'okio/src/commonMain/kotlin/okio/internal/SegmentedByteString.kt': 'package okio.internal\n\nfun SegmentedByteString.commonSubstring(a: Int): ByteString = TODO()\n',
      'okio/src/commonMain/kotlin/okio/internal/Buffer.kt': 'package okio.internal\n\nfun commonRead(): Int = 1\n',
      'okio/src/commonTest/kotlin/okio/ByteStringFactory.kt': 'package okio\n\nval SEGMENTED = SegmentedByteString(arrayOf(), IntArray(0))\n',
    }, ['okio/src/commonTest/kotlin/okio/ByteStringFactory.kt']);
    assert.deepEqual(refersTo('okio/src/commonMain/kotlin/okio/internal/SegmentedByteString.kt'), { testFile: 'okio/src/commonTest/kotlin/okio/ByteStringFactory.kt', name: 'SegmentedByteString' });
    assert.equal(refersTo('okio/src/commonMain/kotlin/okio/internal/Buffer.kt'), undefined);
  });

  it('matches Go names in the same folder only, PHP by namespace or use, C# and Swift by name', () => {
    const { refersTo } = index({
      'command.go': 'package cobra\n\nfunc (c *Command) ExecuteC() error {\n\treturn nil\n}\n',
      'args.go': 'package cobra\n\nfunc ExactArgs(n int) int {\n\treturn n\n}\n',
      'doc/man.go': 'package doc\n\nfunc GenManTree() {}\n',
      'cobra_test.go': 'package cobra\n\nfunc TestX(t *testing.T) {\n\tc.ExecuteC()\n\tGenManTree()\n}\n',
      'src/Monolog/Handler/StreamHandler.php': '<?php\nnamespace Monolog\\Handler;\nclass StreamHandler {}\n',
      'src/Monolog/Handler/CubeHandler.php': '<?php\nnamespace Monolog\\Handler;\nclass CubeHandler {}\n',
      'tests/Monolog/LoggerTest.php': '<?php\nnamespace Monolog;\nuse Monolog\\Handler\\StreamHandler;\nclass LoggerTest { function t() { new StreamHandler(); } }\n',
      'src/Polly/Retry/RetryEngine.cs': 'namespace Polly.Retry;\ninternal static class RetryEngine\n{\n}\n',
      'test/Polly.Specs/Retry/RetrySpecs.cs': 'namespace Polly.Specs.Retry;\npublic class RetrySpecs { void T() { RetryEngine.Run(); } }\n',
      'Source/Core/Session.swift': 'open class Session {\n}\n',
      'Tests/SessionTests.swift': '@testable import Alamofire\nfinal class SessionTests { let s = Session() }\n',
    }, ['cobra_test.go', 'tests/Monolog/LoggerTest.php', 'test/Polly.Specs/Retry/RetrySpecs.cs', 'Tests/SessionTests.swift']);
    assert.equal(refersTo('command.go')?.name, 'ExecuteC');
    assert.equal(refersTo('args.go'), undefined);
    assert.equal(refersTo('doc/man.go'), undefined, 'a test in another folder is another package');
    assert.equal(refersTo('src/Monolog/Handler/StreamHandler.php')?.name, 'StreamHandler');
    assert.equal(refersTo('src/Monolog/Handler/CubeHandler.php'), undefined);
    assert.equal(refersTo('src/Polly/Retry/RetryEngine.cs')?.name, 'RetryEngine');
    assert.equal(refersTo('Source/Core/Session.swift')?.name, 'Session');
  });
});
