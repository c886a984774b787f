/**
 * Is a source file tested? Decided by evidence, not by its name alone: a test named for it, tests inside it, a test
 * that imports it or uses what it declares, or tests changed in the same commits. Only a file with none of these
 * may be called untested. Pure: the indexes are built by the caller (testFiles.ts reads the test files, the history
 * cache gives the commits).
 */
import type { CoChange } from './coChange';
import type { SourceShape } from './sourceShape';
import type { TestEvidence, TestEvidenceKind } from './tasks';
import { languageOf, type TestFileIndex } from './testFileMatch';
import type { TestReferenceIndex } from './testReferences';

export interface EvidenceSources {
  readonly names: TestFileIndex;
  /** Undefined when the test files could not be read: then imports and references are not claimed as looked for. */
  readonly references: TestReferenceIndex | undefined;
  /** Sources changed with test files often enough (coChangedTests). */
  readonly coChanges: ReadonlyMap<string, CoChange>;
}

/** Languages whose tests import their sources by path (resolved in testReferences.ts; PHP's autoloading makes its
 * `require`s rare, so there only `use` counts, as a reference). */
const IMPORTING = new Set(['js', 'ts', 'python', 'ruby', 'c', 'cpp']);
/** Languages whose tests use their sources' declared names (type-per-file languages, Go's package scope). */
const NAMING = new Set(['java', 'kotlin', 'scala', 'csharp', 'php', 'swift', 'go']);

/** Evidence that needs only the indexes, not the source's text: a name, inline tests, an import, co-change. */
export function evidenceWithoutText(file: string, sources: EvidenceSources): TestEvidence | undefined {
  const named = sources.names.findTestFile(file);
  if (named === file) return { kind: 'inline' };
  if (named) return { kind: 'name', testFile: named };
  const importer = sources.references?.importerOf(file);
  if (importer) return { kind: 'import', testFile: importer };
  const together = sources.coChanges.get(file);
  if (together) return { kind: 'coChange', testFile: together.testFile, commits: together.commits };
  return undefined;
}

/** Evidence from what the source declares (its shape): a test using one of its types or top-level functions. */
export function evidenceFromDeclarations(file: string, shape: SourceShape, sources: EvidenceSources): TestEvidence | undefined {
  if (!sources.references) return undefined;
  const language = languageOf(file);
  if (!language || !NAMING.has(language)) return undefined;
  const stem = file.slice(file.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '').replace(/^[-_]+/, '');
  // The types first (a class file's tests name its class), then the functions of a file without types.
  const names = [...shape.types.map((t) => t.name), ...shape.topLevelNames, ...shape.extensionNames];
  if (names.length === 0 && /^[A-Z]\w*$/.test(stem)) names.push(stem);
  const found = sources.references.referrerOf(file, { packageName: shape.packageName, names });
  return found?.name ? { kind: 'reference', testFile: found.testFile, name: found.name } : undefined;
}

/** The kinds of evidence looked for on `file`: what "none found" means in its tooltip. */
export function evidenceLookedFor(file: string, sources: EvidenceSources, coverageReports: boolean): TestEvidenceKind[] {
  const language = languageOf(file);
  const kinds: TestEvidenceKind[] = ['name'];
  if (language === 'rust') kinds.push('inline');
  if (sources.references && language && IMPORTING.has(language)) kinds.push('import');
  if (sources.references && language && NAMING.has(language)) kinds.push('reference');
  kinds.push('coChange');
  if (coverageReports) kinds.push('coverage');
  return kinds;
}
