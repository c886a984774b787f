/** Merging several reports, foreign paths, and ranges; reports are written here in each format's own syntax. */
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readCoverage } from '../../../../src/adapters/coverage';
import { tempDir } from './realTools';

const lcov = (path: string, hits: Record<number, number>, functions = ''): string =>
  `TN:\nSF:${path}\n${functions}${Object.entries(hits).map(([line, n]) => `DA:${line},${n}`).join('\n')}\nend_of_record\n`;

describe('coverage: readCoverage', () => {
  let dir: string;
  const write = (path: string, content: string): void => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  beforeEach(() => {
    dir = tempDir('read');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a line is covered when any report covers it (unit + integration runs)', async () => {
    write('coverage/unit/lcov.info', lcov('src/a.ts', { 1: 1, 2: 0, 3: 0, 4: 0 }));
    write('coverage/e2e/lcov.info', lcov('/home/runner/work/app/app/src/a.ts', { 1: 0, 2: 5, 3: 0, 4: 0 }));
    const result = await readCoverage(dir, ['src/a.ts']);
    assert.deepEqual(result.problems, []);
    const a = result.files.get(join(dir, 'src', 'a.ts'));
    assert.deepEqual(a, { uncoveredLines: [3, 4], uncoveredShare: 0.5, uncoveredRanges: [{ start: 3, end: 4 }] });
  });

  it('merges different formats on one file (Cobertura from Windows CI + Clover from this machine)', async () => {
    write(
      'coverage.xml',
      `<?xml version="1.0"?><coverage line-rate="0"><sources><source>D:\\a\\app\\app\\src</source></sources><packages><package><classes>
       <class name="b" filename="b.py"><lines><line number="1" hits="0"/><line number="2" hits="0"/></lines></class>
       </classes></package></packages></coverage>`,
    );
    write(
      'clover.xml',
      `<?xml version="1.0"?><coverage generated="1"><project><file name="b.py" path="${join(dir, 'src', 'b.py')}">
       <line num="1" type="method" name="f" count="1"/><line num="2" count="3" type="stmt"/></file></project></coverage>`,
    );
    const result = await readCoverage(dir, ['src/b.py']);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.files.get(join(dir, 'src', 'b.py'))?.uncoveredLines, [1]);
  });

  it('ranges skip blank lines, stop at covered lines, and split between functions', async () => {
    const fns = 'FN:10,first\nFN:20,second\nFNDA:0,first\nFNDA:0,second\n';
    write('lcov.info', lcov('src/c.ts', { 2: 0, 3: 0, 10: 0, 11: 0, 13: 0, 14: 1, 15: 0, 20: 0, 21: 0 }, fns));
    const result = await readCoverage(dir, ['src/c.ts']);
    assert.deepEqual(result.files.get(join(dir, 'src', 'c.ts'))?.uncoveredRanges, [
      { start: 2, end: 3 },
      { start: 10, end: 13, functionName: 'first' },
      { start: 15, end: 15, functionName: 'first' },
      { start: 20, end: 21, functionName: 'second' },
    ]);
  });

  it('a path two tracked files could be is left out, not guessed', async () => {
    write('lcov.info', lcov('/ci/x/index.ts', { 1: 0 }) + lcov('/ci/x/web/main.ts', { 1: 0 }));
    const result = await readCoverage(dir, ['api/index.ts', 'web/index.ts', 'web/main.ts']);
    assert.deepEqual([...result.files.keys()], [join(dir, 'web', 'main.ts')]);
  });

  it('uses the globs it is given', async () => {
    write('out/unit.lcov', lcov('src/a.ts', { 1: 0 }));
    write('coverage/lcov.info', lcov('src/a.ts', { 1: 1 }));
    const result = await readCoverage(dir, ['src/a.ts'], ['out/*.lcov']);
    assert.deepEqual(result.reports, [join(dir, 'out', 'unit.lcov')]);
    assert.deepEqual(result.files.get(join(dir, 'src', 'a.ts'))?.uncoveredLines, [1]);
  });

  it('no reports at all: empty, with no problems', async () => {
    assert.deepEqual(await readCoverage(dir, ['src/a.ts']), { files: new Map(), problems: [], reports: [] });
  });
});
