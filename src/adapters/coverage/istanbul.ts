/**
 * Istanbul JSON (`coverage-final.json`, written by nyc, c8, jest, vitest): one object per file
 * with statementMap/fnMap/branchMap and their counters s/f/b. istanbul-lib-coverage validates each
 * entry and derives line hits exactly as the LCOV, Cobertura and Clover reporters do, so one run
 * reads the same in every format. JSON cannot be streamed with the standard library, so the file
 * is size-checked first (maxJsonBytes) and parsed whole.
 */
import { readFile } from 'node:fs/promises';
import { createFileCoverage, type FileCoverageData } from 'istanbul-lib-coverage';
import { checkSize } from './readBounded';
import { CoverageReportError, DEFAULT_READ_LIMITS, ReportBuilder, type CoverageReport, type ReadLimits } from './report';

export async function parseIstanbulJson(file: string, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<CoverageReport> {
  await checkSize(file, limits.maxJsonBytes);
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new CoverageReportError(file, `not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new CoverageReportError(file, 'not an Istanbul coverage map (expected an object of files)');
  }
  const builder = new ReportBuilder(file, limits);
  for (const [key, entry] of Object.entries(data)) {
    let reportPath = key;
    try {
      const coverage = createFileCoverage(entry as FileCoverageData);
      reportPath = typeof coverage.path === 'string' && coverage.path ? coverage.path : key;
      builder.touch(reportPath);
      for (const [line, hits] of Object.entries(coverage.getLineCoverage())) builder.line(reportPath, Number(line), hits);
      const { fnMap, f } = coverage.data;
      for (const [id, fn] of Object.entries(fnMap)) {
        const loc = fn.loc ?? fn.decl;
        builder.fn(reportPath, { name: fn.name, startLine: loc.start.line, endLine: loc.end.line, hits: f[id] ?? 0 });
      }
    } catch (error) {
      if (CoverageReportError.is(error)) throw error;
      throw new CoverageReportError(file, `malformed entry for ${reportPath}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const report = builder.build('istanbul');
  if (report.files.length === 0) throw new CoverageReportError(file, 'no files in the coverage map');
  return report;
}
