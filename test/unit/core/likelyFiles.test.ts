import assert from 'node:assert/strict';
import { likelyFileMentions, likelyFiles } from '../../../src/core/likelyFiles';

const TRACKED = [
  'src/billing/invoice.ts',
  'src/billing/parse-invoice.ts',
  'src/billing/parse-invoice.test.ts',
  'src/util/strings.ts',
  'lib/util/strings.ts',
  'src/server/app.js',
  'app/models/user.py',
  'app/views.py',
  'packages/a/src/index.ts',
  'packages/b/src/index.ts',
  'packages/c/src/index.ts',
  'packages/d/src/index.ts',
  'README.md',
  '.eslintrc.json',
  'Makefile',
];

describe('likelyFiles: files an issue most likely involves', () => {
  it('explicit paths, with or without ./ and a line, matched against tracked files', () => {
    assert.deepEqual(likelyFiles('Broken in src/billing/invoice.ts and ./src/util/strings.ts:42', TRACKED), ['src/billing/invoice.ts', 'src/util/strings.ts']);
    assert.deepEqual(likelyFileMentions('see ./src/util/strings.ts:42:7.', TRACKED), [{ file: 'src/util/strings.ts', line: 42, reason: 'path' }]);
  });

  it('a JavaScript stack trace from another machine: matched by path suffix, top frame first, dependencies skipped', () => {
    const body = [
      'TypeError: Cannot read properties of undefined',
      '    at total (/home/runner/work/acme/acme/src/billing/invoice.ts:10:5)',
      '    at Object.<anonymous> (/home/runner/work/acme/acme/node_modules/express/lib/router/index.js:284:7)',
      '    at handle (C:\\Users\\dana\\acme\\src\\server\\app.js:3:1)',
      '    at node:internal/process/task_queues:95:5',
    ].join('\n');
    assert.deepEqual(likelyFileMentions(body, TRACKED), [
      { file: 'src/billing/invoice.ts', line: 10, reason: 'path' },
      { file: 'src/server/app.js', line: 3, reason: 'path' },
    ]);
  });

  it('a Python traceback: the frame that raised comes first', () => {
    const body = [
      'Traceback (most recent call last):',
      '  File "/srv/app/views.py", line 12, in handler',
      '  File "/usr/lib/python3/site-packages/django/core.py", line 99, in run',
      '  File "C:\\Program Files\\acme\\app\\models\\user.py", line 3, in save',
      'ValueError: bad email',
    ].join('\n');
    assert.deepEqual(likelyFileMentions(body, TRACKED), [
      { file: 'app/models/user.py', line: 3, reason: 'path' },
      { file: 'app/views.py', line: 12, reason: 'path' },
    ]);
  });

  it('blob URLs with a #L line', () => {
    assert.deepEqual(likelyFileMentions('https://github.com/acme/acme/blob/main/src/billing/invoice.ts#L12-L30', TRACKED), [
      { file: 'src/billing/invoice.ts', line: 12, reason: 'path' },
    ]);
  });

  it('bare file names, case-insensitively, after paths; dotfiles count', () => {
    assert.deepEqual(likelyFiles('views.py is slow; also see src/billing/invoice.ts and .eslintrc.json', TRACKED), [
      'src/billing/invoice.ts', 'app/views.py', '.eslintrc.json',
    ]);
    assert.deepEqual(likelyFiles('Typo in readme.md.', TRACKED), ['README.md']);
  });

  it('a path whose folders do not match is only as good as its file name', () => {
    assert.deepEqual(likelyFileMentions('crash in /tmp/build/views.py:7', TRACKED), [{ file: 'app/views.py', line: 7, reason: 'fileName' }]);
  });

  it('identifiers in backticks that name a file stem, in any case convention, last', () => {
    const found = likelyFileMentions('`parseInvoice` returns NaN; see also `User.save()` and strings.ts', TRACKED);
    assert.deepEqual(found.map((f) => [f.file, f.reason]), [
      ['src/util/strings.ts', 'fileName'],
      ['lib/util/strings.ts', 'fileName'],
      ['src/billing/parse-invoice.ts', 'identifier'],
      ['src/billing/parse-invoice.test.ts', 'identifier'],
      ['app/models/user.py', 'identifier'],
    ]);
  });

  it('drops mentions that fit too many files, and keeps a two-way tie', () => {
    assert.deepEqual(likelyFiles('index.ts is wrong', TRACKED), []);
    assert.deepEqual(likelyFiles('packages/b/src/index.ts is wrong', TRACKED), ['packages/b/src/index.ts']);
    assert.deepEqual(likelyFiles('util/strings.ts', TRACKED), ['src/util/strings.ts', 'lib/util/strings.ts']);
  });

  it('a file keeps its strongest reason, appears once, and the list is capped', () => {
    const found = likelyFileMentions('`invoice` then invoice.ts then src/billing/invoice.ts:9', TRACKED);
    assert.deepEqual(found, [{ file: 'src/billing/invoice.ts', line: 9, reason: 'path' }]);
    const many = 'src/billing/invoice.ts src/util/strings.ts src/server/app.js app/views.py app/models/user.py README.md .eslintrc.json';
    assert.equal(likelyFiles(many, TRACKED).length, 5);
    assert.deepEqual(likelyFiles(many, TRACKED, 2), ['src/billing/invoice.ts', 'src/util/strings.ts']);
    assert.deepEqual(likelyFiles(many, TRACKED, 0), []);
  });

  it('prose, versions, URLs and untracked paths find nothing', () => {
    const prose = 'Since v1.2.3 e.g. the app crashes. See https://example.com/docs and/or src/missing.ts. Makefile-ish words.';
    assert.deepEqual(likelyFiles(prose, TRACKED), []);
    assert.deepEqual(likelyFiles('', TRACKED), []);
    assert.deepEqual(likelyFiles('src/billing/invoice.ts', []), []);
  });

  it('is deterministic and fast on a huge hostile body', () => {
    const tracked = Array.from({ length: 50_000 }, (_, i) => `pkg${i % 100}/src/mod${i}/file${i}.ts`);
    const body = `${'/a'.repeat(10_000)} ${'`x'.repeat(5_000)} pkg7/src/mod7/file7.ts:3 ${'a.'.repeat(10_000)} ${'File "x", line 1\n'.repeat(1000)}`;
    const started = Date.now();
    const first = likelyFiles(body, tracked);
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
    assert.deepEqual(first, ['pkg7/src/mod7/file7.ts']);
    assert.deepEqual(likelyFiles(body, tracked), first);
    // Past GitHub's body limit nothing more is read.
    assert.deepEqual(likelyFiles(`${' '.repeat(100_000)} pkg7/src/mod7/file7.ts`, tracked), []);
  });
});
