/** Picks the parser for a report file: by its name, else by its first non-blank character. */
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseIstanbulJson } from './istanbul';
import { parseLcov } from './lcov';
import { DEFAULT_READ_LIMITS, type CoverageReport, type ReadLimits } from './report';
import { parseXmlReport } from './xml';

type Parser = (file: string, limits: ReadLimits) => Promise<CoverageReport>;

/** Throws CoverageReportError for anything unusable; never anything else for bad content. */
export async function parseReport(file: string, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<CoverageReport> {
  return (await parserFor(file))(file, limits);
}

async function parserFor(file: string): Promise<Parser> {
  const name = basename(file).toLowerCase();
  if (name.endsWith('.info')) return parseLcov;
  if (name.endsWith('.xml')) return parseXmlReport;
  if (name.endsWith('.json')) return parseIstanbulJson;
  const first = await firstCharacter(file);
  return first === '<' ? parseXmlReport : first === '{' ? parseIstanbulJson : parseLcov;
}

async function firstCharacter(file: string): Promise<string | undefined> {
  try {
    const handle = await open(file, 'r');
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(512), 0, 512, 0);
      return buffer.toString('utf8', 0, bytesRead).replace(/^\uFEFF/, '').trimStart()[0];
    } finally {
      await handle.close();
    }
  } catch {
    return undefined; // the parser's own size check reports why the file cannot be read
  }
}
