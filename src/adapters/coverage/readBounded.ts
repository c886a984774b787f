/** Size checks shared by the parsers: refuse a report before reading it, not after memory is gone. */
import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { CoverageReportError } from './report';

/** Throws a CoverageReportError when the file is missing, not a file, empty, or over maxBytes. */
export async function checkSize(file: string, maxBytes: number): Promise<number> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new CoverageReportError(file, 'not a regular file');
    size = info.size;
  } catch (error) {
    if (CoverageReportError.is(error)) throw error;
    throw new CoverageReportError(file, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (size === 0) throw new CoverageReportError(file, 'empty file');
  if (size > maxBytes) throw new CoverageReportError(file, `${size} bytes is over the ${maxBytes}-byte limit; skipped`);
  return size;
}

/** A read stream that never yields more than maxBytes, even if the file grows while we read. */
export function boundedStream(file: string, maxBytes: number): ReadStream {
  return createReadStream(file, { end: maxBytes - 1, highWaterMark: 256 * 1024 });
}
