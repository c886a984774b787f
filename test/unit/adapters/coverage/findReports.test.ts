import assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findReports } from '../../../../src/adapters/coverage/findReports';
import { tempDir } from './realTools';

describe('coverage: findReports', () => {
  let dir: string;
  const touch = (...paths: string[]): void => {
    for (const path of paths) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), 'x');
    }
  };
  const found = async (options = {}): Promise<string[]> => (await findReports(dir, options)).map((p) => p.slice(dir.length + 1));

  beforeEach(() => {
    dir = tempDir('find');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds every default kind, shallowest first, and nothing else', async () => {
    touch(
      'coverage/lcov.info',
      'coverage/coverage-final.json',
      'coverage/cobertura-coverage.xml',
      'coverage.xml',
      'pkg/web/coverage/clover.xml',
      'build/reports/jacoco/test/jacocoTestReport.xml',
      'src/index.ts',
      'coverage/lcov-report/index.html',
    );
    assert.deepEqual(await found(), [
      'coverage.xml',
      'coverage/cobertura-coverage.xml',
      'coverage/coverage-final.json',
      'coverage/lcov.info',
      'pkg/web/coverage/clover.xml',
      'build/reports/jacoco/test/jacocoTestReport.xml',
    ]);
  });

  it('never enters node_modules, .git or other dot-folders', async () => {
    touch('node_modules/dep/coverage/lcov.info', '.git/lcov.info', '.cache/coverage/lcov.info', 'a/node_modules/b/clover.xml', 'lcov.info');
    assert.deepEqual(await found(), ['lcov.info']);
  });

  it('uses configured globs and extra ignores instead of the defaults', async () => {
    touch('lcov.info', 'reports/unit.lcov', 'reports/old/unit.lcov');
    assert.deepEqual(await found({ globs: ['reports/**/*.lcov'], ignore: ['**/old/**'] }), ['reports/unit.lcov']);
  });

  it('is bounded: at most maxFiles, no deeper than maxDepth', async () => {
    touch('a/lcov.info', 'b/lcov.info', 'c/lcov.info', 'd/e/f/g/h/lcov.info');
    assert.deepEqual(await found({ maxFiles: 2 }), ['a/lcov.info', 'b/lcov.info']);
    assert.deepEqual(await found({ maxDepth: 2 }), ['a/lcov.info', 'b/lcov.info', 'c/lcov.info']);
  });

  it('does not follow symbolic links (no loops, nothing outside the folder)', async () => {
    const outside = tempDir('outside');
    try {
      writeFileSync(join(outside, 'lcov.info'), 'x');
      symlinkSync(outside, join(dir, 'linked'));
      symlinkSync(dir, join(dir, 'loop'));
      touch('lcov.info');
      assert.deepEqual(await found(), ['lcov.info']);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a missing root is no reports, not an error', async () => {
    assert.deepEqual(await findReports(join(dir, 'missing')), []);
  });

  it('stops a slow crawl at the time limit, without failing', async () => {
    for (let i = 0; i < 200; i++) touch(`d${i}/x/y/z/lcov.info`);
    const started = Date.now();
    const partial = await findReports(dir, { timeoutMs: 1, maxFiles: 1000 });
    assert.ok(Date.now() - started < 2000);
    assert.ok(partial.length <= 200);
  });
});
