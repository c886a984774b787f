/** Bad reports become a typed error with a one-line reason (and a `problems` entry), never a crash. */
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCoverage } from '../../../../src/adapters/coverage';
import { parseReport } from '../../../../src/adapters/coverage/parseReport';
import { CoverageReportError, DEFAULT_READ_LIMITS } from '../../../../src/adapters/coverage/report';
import { tempDir } from './realTools';

const COBERTURA = `<?xml version="1.0" ?>
<!DOCTYPE coverage SYSTEM "http://cobertura.sourceforge.net/xml/coverage-04.dtd">
<coverage line-rate="0.5" version="0.1">
  <sources><source>/ci/build</source></sources>
  <packages><package name="main"><classes>
    <class name="a.js" filename="src/a.js">
      <methods/>
      <lines><line number="1" hits="1"/><line number="2" hits="0"/></lines>
    </class>
  </classes></package></packages>
</coverage>
`;

/** The reason parseReport gives, failing the test if it does not throw a CoverageReportError. */
async function reasonFor(file: string, limits = DEFAULT_READ_LIMITS): Promise<string> {
  try {
    await parseReport(file, limits);
  } catch (error) {
    assert.ok(CoverageReportError.is(error), `expected a CoverageReportError, got ${String(error)}`);
    assert.equal(error.report, file);
    assert.ok(!error.reason.includes('\n'), 'one line for the output channel');
    return error.reason;
  }
  assert.fail(`${file} parsed, but should not have`);
}

describe('coverage: malformed reports', () => {
  let dir: string;
  const write = (name: string, content: string): string => {
    const file = join(dir, name);
    writeFileSync(file, content);
    return file;
  };
  beforeEach(() => {
    dir = tempDir('bad');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the well-formed sample parses (so the failures below are about the damage)', async () => {
    const report = await parseReport(write('coverage.xml', COBERTURA));
    assert.deepEqual([...report.files[0]!.lines], [[1, 1], [2, 0]]);
    assert.deepEqual(report.sourceRoots, ['/ci/build']);
  });

  for (const name of ['lcov.info', 'coverage.xml', 'coverage-final.json', 'report.unknown']) {
    it(`an empty ${name}`, async () => {
      assert.equal(await reasonFor(write(name, '')), 'empty file');
    });
  }

  it('truncated XML', async () => {
    assert.match(await reasonFor(write('coverage.xml', COBERTURA.slice(0, COBERTURA.length / 2))), /not well-formed XML/);
  });

  it('XML that is not a coverage report', async () => {
    assert.match(await reasonFor(write('coverage.xml', '<html><body/></html>')), /root element <html>/);
  });

  it('an entity bomb is refused, not expanded', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE coverage [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><coverage><sources><source>&c;</source></sources></coverage>`;
    assert.match(await reasonFor(write('coverage.xml', bomb)), /not well-formed XML/);
  });

  it('an external entity is never resolved', async () => {
    const secret = write('secret.txt', 'TOP-SECRET');
    const xxe = `<?xml version="1.0"?><!DOCTYPE coverage [<!ENTITY x SYSTEM "file://${secret}">]><coverage><sources><source>&x;</source></sources></coverage>`;
    const reason = await reasonFor(write('coverage.xml', xxe));
    assert.ok(!reason.includes('TOP-SECRET'), reason);
  });

  it('garbage JSON, and JSON that is not an Istanbul coverage map', async () => {
    assert.match(await reasonFor(write('coverage-final.json', '{"a": [1, 2')), /not valid JSON/);
    assert.match(await reasonFor(write('coverage-final.json', '[1, 2, 3]')), /not an Istanbul coverage map/);
    assert.match(await reasonFor(write('coverage-final.json', '{"src/a.js": {"path": "src/a.js"}}')), /malformed entry for src\/a\.js/);
    assert.match(await reasonFor(write('coverage-final.json', '{}')), /no files/);
  });

  it('LCOV garbage, and text with no LCOV record', async () => {
    assert.match(await reasonFor(write('lcov.info', '\u0000\u0001 binary junk {"x":1}\n')), /not valid LCOV|no LCOV records/);
    assert.match(await reasonFor(write('lcov.info', 'TN:\n')), /no LCOV records/);
  });

  it('nonsense line numbers and counts inside a valid record are dropped', async () => {
    const report = await parseReport(write('lcov.info', 'SF:src/a.js\nDA:0,1\nDA:-3,0\nDA:abc,def\nDA:4,-1\nDA:5,0\nend_of_record\n'));
    assert.deepEqual([...report.files[0]!.lines], [[5, 0]]);
  });

  it('a folder where a report should be', async () => {
    mkdirSync(join(dir, 'lcov.info'));
    assert.equal(await reasonFor(join(dir, 'lcov.info')), 'not a regular file');
  });

  it('limits: bytes before reading, line entries while reading', async () => {
    const lcov = write('lcov.info', `SF:src/a.js\n${Array.from({ length: 50 }, (_, i) => `DA:${i + 1},0`).join('\n')}\nend_of_record\n`);
    assert.match(await reasonFor(lcov, { ...DEFAULT_READ_LIMITS, maxStreamBytes: 100 }), /over the 100-byte limit/);
    assert.match(await reasonFor(lcov, { ...DEFAULT_READ_LIMITS, maxLineEntries: 10 }), /more than 10 line entries/);
    const json = write('coverage-final.json', '{"a": {}}'.padEnd(200));
    assert.match(await reasonFor(json, { ...DEFAULT_READ_LIMITS, maxJsonBytes: 100 }), /over the 100-byte limit/);
  });

  it('readCoverage keeps the good reports and lists each bad one once', async () => {
    mkdirSync(join(dir, 'coverage'));
    mkdirSync(join(dir, 'python'));
    mkdirSync(join(dir, 'other'));
    write('coverage/lcov.info', 'SF:src/a.js\nDA:1,1\nDA:2,0\nend_of_record\n');
    write('python/coverage.xml', COBERTURA.slice(0, 100));
    write('other/coverage-final.json', 'not json');
    write('clover.xml', '');
    const result = await readCoverage(dir, ['src/a.js']);
    assert.deepEqual(result.reports, [join(dir, 'coverage', 'lcov.info')]);
    assert.deepEqual(result.files.get(join(dir, 'src', 'a.js'))?.uncoveredLines, [2]);
    assert.deepEqual(
      result.problems.map((p) => [p.report.slice(dir.length + 1), p.reason.split(':')[0]]).sort(),
      [['clover.xml', 'empty file'], ['other/coverage-final.json', 'not valid JSON'], ['python/coverage.xml', 'not well-formed XML']],
    );
  });

  it('a report whose paths match no tracked file is a problem too', async () => {
    write('lcov.info', 'SF:/elsewhere/vendor/lib.js\nDA:1,0\nend_of_record\n');
    const result = await readCoverage(dir, ['src/a.js']);
    assert.equal(result.files.size, 0);
    assert.deepEqual(result.problems.map((p) => p.reason), ['none of its 1 file paths match a tracked file']);
  });
});
