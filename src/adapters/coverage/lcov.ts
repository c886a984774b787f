/**
 * LCOV trace files (`lcov.info`), streamed through @friedemannsommer/lcov-parser: records are
 * handed over one at a time, so memory follows the kept line entries, not the file size.
 */
import { LcovStreamParser } from '@friedemannsommer/lcov-parser/stream';
import type { SectionSummary } from '@friedemannsommer/lcov-parser';
import { boundedStream, checkSize } from './readBounded';
import { CoverageReportError, DEFAULT_READ_LIMITS, ReportBuilder, type CoverageReport, type ReadLimits } from './report';

export async function parseLcov(file: string, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<CoverageReport> {
  await checkSize(file, limits.maxStreamBytes);
  const builder = new ReportBuilder(file, limits);
  let records = 0;
  const source = boundedStream(file, limits.maxStreamBytes);
  const parser = new LcovStreamParser();
  source.on('error', (error) => parser.destroy(error)); // pipe() alone would leave the loop waiting forever
  try {
    for await (const section of source.pipe(parser) as AsyncIterable<SectionSummary>) {
      if (!section.path) continue; // a record without SF: names no file
      records++;
      builder.touch(section.path);
      for (const { line, hit } of section.lines.details) builder.line(section.path, line, hit);
      for (const { line, hit, name } of section.functions.details) builder.fn(section.path, { name, startLine: line, hits: hit });
    }
  } catch (error) {
    if (CoverageReportError.is(error)) throw error;
    throw new CoverageReportError(file, `not valid LCOV: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    source.destroy();
    parser.destroy();
  }
  if (records === 0) throw new CoverageReportError(file, 'no LCOV records (SF: … end_of_record)');
  return builder.build('lcov');
}
