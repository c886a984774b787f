/**
 * JaCoCo XML (`jacoco.xml`, `jacocoTestReport.xml`). Lines live in
 * `<package name="com/x"><sourcefile name="A.java"><line nr mi ci …>`; a line is covered when
 * any of its instructions ran (ci > 0). Methods live in `<class sourcefilename>` with a start
 * `line` and a METHOD counter. The report path is `package/SourceFile` (no source root is named:
 * src/main/java or another is found by suffix matching). `<group>` nesting needs no special case.
 */
import type { XmlHandler } from './xml';
import type { ReportBuilder } from './report';

export function jacocoHandler(builder: ReportBuilder): XmlHandler {
  let pkg = '';
  let sourceFile: string | undefined;
  let classFile: string | undefined;
  let className = '';
  let method: { name: string; line: number; hits: number } | undefined;

  const inPackage = (fileName: string): string => (pkg ? `${pkg}/${fileName}` : fileName);

  return {
    open(name, attributes) {
      if (name === 'package') pkg = attributes.name ?? '';
      else if (name === 'sourcefile' && attributes.name) {
        sourceFile = inPackage(attributes.name);
        builder.touch(sourceFile);
      } else if (name === 'line' && sourceFile) {
        builder.line(sourceFile, Number(attributes.nr), Number(attributes.ci) > 0 ? Number(attributes.ci) : 0);
      } else if (name === 'class') {
        classFile = attributes.sourcefilename ? inPackage(attributes.sourcefilename) : undefined;
        className = (attributes.name ?? '').split('/').pop()!.replace(/^.*\$/, '');
      } else if (name === 'method' && classFile && attributes.line) {
        // Constructors and static initialisers read better under the class name.
        const methodName = attributes.name === '<init>' ? className : attributes.name === '<clinit>' ? `${className} (static init)` : attributes.name;
        method = { name: methodName ?? '?', line: Number(attributes.line), hits: 0 };
      } else if (name === 'counter' && method && attributes.type === 'METHOD') {
        method.hits = Number(attributes.covered) > 0 ? 1 : 0;
      }
    },
    close(name) {
      if (name === 'package') pkg = '';
      else if (name === 'sourcefile') sourceFile = undefined;
      else if (name === 'class') classFile = undefined;
      else if (name === 'method' && method && classFile) {
        builder.fn(classFile, { name: method.name, startLine: method.line, hits: method.hits });
        method = undefined;
      }
    },
  };
}
