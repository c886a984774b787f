/**
 * Clover XML (`clover.xml`): istanbul/c8/nyc, PHPUnit, OpenClover. `<file path|name>` holds
 * `<line num count type>`; `type="method"` lines mark a function start (PHPUnit, OpenClover) and
 * are not statements, so they do not count as code lines.
 */
import type { XmlHandler } from './xml';
import type { ReportBuilder } from './report';

export function cloverHandler(builder: ReportBuilder): XmlHandler {
  let file: string | undefined;
  return {
    open(name, attributes) {
      if (name === 'file') {
        file = attributes.path || attributes.name || undefined;
        if (file) builder.touch(file);
      } else if (name === 'line' && file) {
        const line = Number(attributes.num);
        const hits = Number(attributes.count);
        if (attributes.type === 'method') {
          const fnName = attributes.name || attributes.signature || `line ${line}`;
          builder.fn(file, { name: fnName, startLine: line, hits });
        } else builder.line(file, line, hits);
      }
    },
    close(name) {
      if (name === 'file') file = undefined;
    },
  };
}
