/**
 * Each format parsed from a report a real tool wrote during the test: c8 (LCOV, Istanbul JSON,
 * Cobertura, Clover) on one JS file, coverage.py (Cobertura) on a Python file, JaCoCo on a Java class.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { readCoverage } from '../../../../src/adapters/coverage';
import { parseReport } from '../../../../src/adapters/coverage/parseReport';
import type { CoverageReport, FileCoverage } from '../../../../src/adapters/coverage/report';
import {
  C8_MISSING,
  CALC_JAVA_UNCOVERED,
  CALC_JS_UNCOVERED,
  CALC_PY_UNCOVERED,
  JACOCO_MISSING,
  makeC8Project,
  makeJavaProject,
  makePythonProject,
  PYTHON_COVERAGE_MISSING,
} from './realTools';

function uncovered(file: FileCoverage): number[] {
  return [...file.lines].filter(([, hits]) => hits === 0).map(([line]) => line).sort((a, b) => a - b);
}

function onlyFile(report: CoverageReport, endsWith: string): FileCoverage {
  const files = report.files.filter((f) => f.reportPath.replace(/\\/g, '/').endsWith(endsWith));
  assert.equal(files.length, 1, `one ${endsWith} in ${report.files.map((f) => f.reportPath).join(', ')}`);
  return files[0]!;
}

describe('coverage: reports written by c8', function () {
  this.timeout(60_000);
  let dir: string | undefined;
  before(function () {
    dir = makeC8Project();
    if (!dir) {
      console.log(`      skipped: ${C8_MISSING}`);
      this.skip();
    }
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  const formats = [
    ['lcov.info', 'lcov'],
    ['coverage-final.json', 'istanbul'],
    ['cobertura-coverage.xml', 'cobertura'],
    ['clover.xml', 'clover'],
  ] as const;

  for (const [name, format] of formats) {
    it(`${format}: ${name} gives the lines that never ran`, async () => {
      const report = await parseReport(join(dir!, 'coverage', name));
      assert.equal(report.format, format);
      assert.deepEqual(uncovered(onlyFile(report, 'src/calc.js')), CALC_JS_UNCOVERED);
    });
  }

  it('all four formats agree line by line on hits being zero or not', async () => {
    const views = await Promise.all(formats.map(async ([name]) => onlyFile(await parseReport(join(dir!, 'coverage', name)), 'src/calc.js')));
    const shape = (f: FileCoverage) => [...f.lines].map(([line, hits]) => [line, hits > 0] as const).sort((a, b) => a[0] - b[0]);
    for (const view of views.slice(1)) assert.deepEqual(shape(view), shape(views[0]!));
  });

  it('functions: names, start lines and hits; Istanbul JSON also knows where each ends', async () => {
    const json = onlyFile(await parseReport(join(dir!, 'coverage', 'coverage-final.json')), 'src/calc.js');
    assert.deepEqual(json.functions, [
      { name: 'add', startLine: 2, endLine: 4, hits: 1 },
      { name: 'divide', startLine: 6, endLine: 11, hits: 1 },
      { name: 'unused', startLine: 13, endLine: 16, hits: 0 },
    ]);
    const lcov = onlyFile(await parseReport(join(dir!, 'coverage', 'lcov.info')), 'src/calc.js');
    assert.deepEqual(lcov.functions.map((f) => [f.name, f.startLine, f.hits]), [['add', 2, 1], ['divide', 6, 1], ['unused', 13, 0]]);
    const cobertura = onlyFile(await parseReport(join(dir!, 'coverage', 'cobertura-coverage.xml')), 'src/calc.js');
    assert.deepEqual(cobertura.functions.map((f) => [f.name, f.startLine, f.hits]), [['add', 2, 1], ['divide', 6, 1], ['unused', 13, 0]]);
  });

  it('readCoverage over the project merges all four into ranges named by function', async () => {
    const result = await readCoverage(dir!, ['src/calc.js', 'test/run.js']);
    assert.deepEqual(result.problems, []);
    assert.equal(result.reports.length, 4);
    const calc = result.files.get(join(dir!, 'src', 'calc.js'));
    assert.ok(calc, [...result.files.keys()].join(', '));
    assert.deepEqual(calc.uncoveredLines, CALC_JS_UNCOVERED);
    assert.deepEqual(calc.uncoveredRanges, [
      { start: 8, end: 9, functionName: 'divide' },
      { start: 13, end: 16, functionName: 'unused' },
    ]);
    assert.equal(calc.uncoveredShare, 6 / 18);
  });
});

describe('coverage: Cobertura written by coverage.py (python3-coverage)', function () {
  this.timeout(60_000);
  let dir: string | undefined;
  before(function () {
    dir = makePythonProject();
    if (!dir) {
      console.log(`      skipped: ${PYTHON_COVERAGE_MISSING}`);
      this.skip();
    }
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('gives the lines that never ran, and names the source root', async () => {
    const report = await parseReport(join(dir!, 'coverage.xml'));
    assert.equal(report.format, 'cobertura');
    assert.equal(report.sourceRoots.length, 1);
    assert.deepEqual(uncovered(onlyFile(report, 'pkg/calc.py')), CALC_PY_UNCOVERED);
  });

  it('its paths, relative to <source>, resolve to the tracked file', async () => {
    const result = await readCoverage(dir!, ['pkg/__init__.py', 'pkg/calc.py', 'run_calc.py']);
    assert.deepEqual(result.problems, []);
    const calc = result.files.get(join(dir!, 'pkg', 'calc.py'));
    assert.deepEqual(calc?.uncoveredLines, CALC_PY_UNCOVERED);
    // coverage.py names no methods, so the ranges carry no function name.
    assert.deepEqual(calc?.uncoveredRanges, [{ start: 7, end: 7 }, { start: 12, end: 13 }]);
  });
});

describe('coverage: JaCoCo XML written by JaCoCo (Debian libjacoco-java)', function () {
  this.timeout(120_000);
  let dir: string | undefined;
  before(function () {
    dir = makeJavaProject();
    if (!dir) {
      console.log(`      skipped: ${JACOCO_MISSING}`);
      this.skip();
    }
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('gives the lines whose instructions never ran, under package/SourceFile', async () => {
    const report = await parseReport(join(dir!, 'target', 'site', 'jacoco', 'jacoco.xml'));
    assert.equal(report.format, 'jacoco');
    const calc = onlyFile(report, 'com/example/Calc.java');
    assert.equal(calc.reportPath, 'com/example/Calc.java');
    assert.deepEqual(uncovered(calc), CALC_JAVA_UNCOVERED);
    assert.deepEqual(calc.functions.map((f) => [f.name, f.startLine, f.hits]), [
      ['Calc', 3, 0],
      ['add', 5, 1],
      ['divide', 9, 1],
      ['unused', 16, 0],
      ['main', 21, 1],
    ]);
  });

  it('resolves package paths under src/main/java by suffix and names the ranges', async () => {
    const result = await readCoverage(dir!, ['src/main/java/com/example/Calc.java']);
    assert.deepEqual(result.problems, []);
    const calc = result.files.get(join(dir!, 'src', 'main', 'java', 'com', 'example', 'Calc.java'));
    assert.deepEqual(calc?.uncoveredRanges, [
      { start: 3, end: 3, functionName: 'Calc' },
      { start: 10, end: 10, functionName: 'divide' },
      { start: 16, end: 17, functionName: 'unused' },
    ]);
  });
});
