import assert from 'node:assert/strict';
import { isAbsolutePath, pathSegments, TrackedFileIndex, type PathContext } from '../../../src/core/pathMatch';

const TRACKED = [
  'src/calc.ts',
  'src/util/strings.ts',
  'lib/util/strings.ts',
  'packages/web/src/index.ts',
  'packages/api/src/index.ts',
  'src/main/java/com/example/Calc.java',
  'pkg/calc.py',
  'README.md',
];
const ROOT_CONTEXT: PathContext = { reportDir: '' };

describe('pathMatch: report paths to tracked files', () => {
  const index = new TrackedFileIndex('/home/dev/proj', TRACKED);
  const match = (path: string, context: PathContext = ROOT_CONTEXT) => index.match(path, context);

  it('absolute paths on this machine, under the root', () => {
    assert.deepEqual(match('/home/dev/proj/src/calc.ts'), { kind: 'matched', file: 'src/calc.ts', how: 'exact' });
    assert.deepEqual(match('/home/dev/proj/./src/../src/calc.ts'), { kind: 'matched', file: 'src/calc.ts', how: 'exact' });
    assert.deepEqual(match('file:///home/dev/proj/src/calc.ts'), { kind: 'matched', file: 'src/calc.ts', how: 'exact' });
  });

  it('relative to the report folder, then to the repository root', () => {
    const inWeb: PathContext = { reportDir: 'packages/web/coverage' };
    assert.deepEqual(match('../src/index.ts', inWeb), { kind: 'matched', file: 'packages/web/src/index.ts', how: 'exact' });
    assert.deepEqual(match('src/calc.ts', inWeb), { kind: 'matched', file: 'src/calc.ts', how: 'exact' });
    assert.deepEqual(match('./src/calc.ts'), { kind: 'matched', file: 'src/calc.ts', how: 'exact' });
  });

  it('relative to Cobertura <source> roots: absolute here, relative, or from another machine', () => {
    assert.deepEqual(match('calc.py', { reportDir: '', sourceRoots: ['/home/dev/proj/pkg'] }), { kind: 'matched', file: 'pkg/calc.py', how: 'exact' });
    assert.deepEqual(match('calc.py', { reportDir: '', sourceRoots: ['pkg'] }), { kind: 'matched', file: 'pkg/calc.py', how: 'exact' });
    // The base name alone is ambiguous; the foreign root's tail (`web/src`) picks the package.
    assert.deepEqual(match('index.ts', { reportDir: '', sourceRoots: ['/home/runner/work/proj/proj/packages/web/src'] }), {
      kind: 'matched',
      file: 'packages/web/src/index.ts',
      how: 'suffix',
    });
  });

  it('JaCoCo package paths, found under their source root by suffix', () => {
    assert.deepEqual(match('com/example/Calc.java', { reportDir: 'target/site/jacoco' }), {
      kind: 'matched',
      file: 'src/main/java/com/example/Calc.java',
      how: 'suffix',
    });
  });

  it('absolute paths from a CI runner, by the longest common suffix', () => {
    assert.deepEqual(match('/home/runner/work/proj/proj/src/calc.ts'), { kind: 'matched', file: 'src/calc.ts', how: 'suffix' });
    assert.deepEqual(match('/builds/group/proj/lib/util/strings.ts'), { kind: 'matched', file: 'lib/util/strings.ts', how: 'suffix' });
  });

  it('Windows paths, with either separator, drive letters and file URLs', () => {
    assert.deepEqual(match('C:\\Users\\dev\\proj\\src\\util\\strings.ts'), { kind: 'matched', file: 'src/util/strings.ts', how: 'suffix' });
    assert.deepEqual(match('D:/a/proj/proj/packages/api/src/index.ts'), { kind: 'matched', file: 'packages/api/src/index.ts', how: 'suffix' });
    assert.deepEqual(match('file:///C:/a/proj/src/calc.ts'), { kind: 'matched', file: 'src/calc.ts', how: 'suffix' });
    assert.deepEqual(match('src\\calc.ts'), { kind: 'matched', file: 'src/calc.ts', how: 'exact' });
  });

  it('a Windows repository root matches its own absolute paths whatever their case', () => {
    const windows = new TrackedFileIndex('C:\\Users\\Dev\\Proj', ['src/calc.ts', 'other/calc.ts']);
    assert.deepEqual(windows.match('c:\\users\\dev\\proj\\src\\calc.ts', ROOT_CONTEXT), { kind: 'matched', file: 'src/calc.ts', how: 'exact' });
  });

  it('ambiguous: several tracked files share the best suffix, so none is chosen', () => {
    const result = match('/ci/checkout/util/strings.ts');
    assert.equal(result.kind, 'ambiguous');
    assert.deepEqual(result.kind === 'ambiguous' ? [...result.candidates].sort() : [], ['lib/util/strings.ts', 'src/util/strings.ts']);
    assert.equal(match('index.ts').kind, 'ambiguous');
  });

  it('unmatched: no tracked file has that name', () => {
    assert.deepEqual(match('/home/dev/proj/dist/calc.js'), { kind: 'unmatched' });
    assert.deepEqual(match('node_modules/x/index.js'), { kind: 'unmatched' });
    assert.deepEqual(match(''), { kind: 'unmatched' });
  });

  it('path helpers', () => {
    assert.deepEqual(pathSegments('a\\b/./c/../d//e'), ['a', 'b', 'd', 'e']);
    for (const p of ['/x', 'C:\\x', 'c:/x', '\\\\server\\share', 'file:///x']) assert.ok(isAbsolutePath(p), p);
    for (const p of ['x', './x', '../x', 'C:x']) assert.ok(!isAbsolutePath(p), p);
  });

  it('builds once and answers quickly on a large repository', function () {
    this.timeout(30_000);
    const many = Array.from({ length: 100_000 }, (_, i) => `src/m${i % 100}/f${i}.ts`);
    const started = performance.now();
    const big = new TrackedFileIndex('/r', many);
    for (let i = 0; i < 10_000; i++) big.match(`/ci/x/src/m${i % 100}/f${i}.ts`, ROOT_CONTEXT);
    // Generous: a loaded CI machine is slow; a quadratic index would take minutes.
    assert.ok(performance.now() - started < 10_000);
    assert.equal(big.size, 100_000);
  });
});
