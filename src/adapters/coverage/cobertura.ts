/**
 * Cobertura XML (`coverage.xml`, `cobertura-coverage.xml`): coverage.py, c8/nyc/istanbul, gcovr,
 * coverlet and others. `<class filename>` holds `<line number hits>`; a `<method>` repeats some of
 * those lines, which gives the method's name and span. Several `<class>` may share one filename.
 */
import type { XmlHandler } from './xml';
import type { ReportBuilder } from './report';

interface OpenMethod {
  name: string;
  hits: number | undefined;
  first: number;
  last: number;
  bestLineHits: number;
}

export function coberturaHandler(builder: ReportBuilder): XmlHandler {
  let file: string | undefined;
  let method: OpenMethod | undefined;
  let sourceText: string | undefined;

  return {
    open(name, attributes) {
      if (name === 'source') sourceText = '';
      else if (name === 'class') {
        file = attributes.filename || undefined;
        if (file) builder.touch(file);
      } else if (name === 'method' && file) {
        const hits = attributes.hits === undefined ? undefined : Number(attributes.hits);
        method = { name: attributes.name ?? '?', hits, first: Infinity, last: 0, bestLineHits: 0 };
      } else if (name === 'line' && file) {
        const line = Number(attributes.number);
        const hits = Number(attributes.hits);
        builder.line(file, line, hits);
        if (method && Number.isSafeInteger(line)) {
          method.first = Math.min(method.first, line);
          method.last = Math.max(method.last, line);
          if (Number.isFinite(hits)) method.bestLineHits = Math.max(method.bestLineHits, hits);
        }
      }
    },
    text(text, path) {
      if (sourceText !== undefined && path[path.length - 1] === 'source') sourceText += text;
    },
    close(name) {
      if (name === 'source') {
        const root = sourceText?.trim();
        if (root) builder.sourceRoots.push(root);
        sourceText = undefined;
      } else if (name === 'class') file = undefined;
      else if (name === 'method' && method && file) {
        if (method.first !== Infinity) {
          const span = method.last > method.first ? { endLine: method.last } : {};
          builder.fn(file, { name: method.name, startLine: method.first, hits: method.hits ?? method.bestLineHits, ...span });
        }
        method = undefined;
      }
    },
  };
}
