/**
 * One streaming XML pass (saxes) for the three XML formats. The root element tells the dialect:
 * `<report>` is JaCoCo; `<coverage>` is Clover when it carries `generated`/`clover`, else Cobertura.
 * saxes is a strict, non-validating parser: it never loads the DTD a report names, and an entity it
 * does not know is an error, so no report can make us fetch anything or expand an entity bomb.
 */
import { SaxesParser } from 'saxes';
import { coberturaHandler } from './cobertura';
import { cloverHandler } from './clover';
import { jacocoHandler } from './jacoco';
import { boundedStream, checkSize } from './readBounded';
import { CoverageReportError, DEFAULT_READ_LIMITS, ReportBuilder, type CoverageFormat, type CoverageReport, type ReadLimits } from './report';

export type Attributes = Record<string, string>;

/** What a dialect does with the elements below the root. `path` holds the open element names, root first. */
export interface XmlHandler {
  open(name: string, attributes: Attributes, path: readonly string[]): void;
  close(name: string, path: readonly string[]): void;
  /** Text directly inside the innermost open element. */
  text?(text: string, path: readonly string[]): void;
}

const MAX_TEXT = 4096; // the only text we keep is a Cobertura <source> path

function dialect(root: string, attributes: Attributes): CoverageFormat | undefined {
  if (root === 'report') return 'jacoco';
  if (root === 'coverage') return 'generated' in attributes || 'clover' in attributes ? 'clover' : 'cobertura';
  return undefined;
}

function handlerFor(format: CoverageFormat, builder: ReportBuilder): XmlHandler {
  if (format === 'jacoco') return jacocoHandler(builder);
  if (format === 'clover') return cloverHandler(builder);
  return coberturaHandler(builder);
}

export async function parseXmlReport(file: string, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<CoverageReport> {
  await checkSize(file, limits.maxStreamBytes);
  const builder = new ReportBuilder(file, limits);
  const parser = new SaxesParser({ xmlns: false, position: true });
  const path: string[] = [];
  let format: CoverageFormat | undefined;
  let handler: XmlHandler | undefined;
  let failure: unknown;

  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag) => {
    const attributes = tag.attributes as Attributes;
    if (path.length === 0) {
      format = dialect(tag.name, attributes);
      if (!format) throw new CoverageReportError(file, `root element <${tag.name}> is not a coverage report`);
      handler = handlerFor(format, builder);
    } else handler!.open(tag.name, attributes, path);
    path.push(tag.name);
  });
  parser.on('closetag', (tag) => {
    path.pop();
    if (path.length > 0) handler!.close(tag.name, path);
  });
  parser.on('text', (text) => {
    if (handler?.text && text.length <= MAX_TEXT) handler.text(text, path);
  });

  const source = boundedStream(file, limits.maxStreamBytes);
  source.setEncoding('utf8');
  try {
    for await (const chunk of source as AsyncIterable<string>) {
      parser.write(chunk);
      if (failure) break;
    }
    if (!failure) parser.close(); // reports unclosed elements: a truncated file fails here
  } catch (error) {
    failure ??= error;
  } finally {
    source.destroy();
  }
  if (failure) {
    if (CoverageReportError.is(failure)) throw failure;
    throw new CoverageReportError(file, `not well-formed XML: ${failure instanceof Error ? failure.message : String(failure)}`);
  }
  if (!format) throw new CoverageReportError(file, 'no XML root element');
  return builder.build(format);
}
