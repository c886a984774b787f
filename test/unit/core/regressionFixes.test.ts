import { strict as assert } from 'node:assert';
import { changedLineCount, isTestArtifact, locateFix, mergedBy, namesATest, regressionCandidates, type DiffHunk, type FixRecord } from '../../../src/core/regressionFixes';

/** Commit records over a path table, newest first, as history.ts keeps them. */
function history(commits: Array<{ h: string; fix?: string; files: string[]; renames?: Array<[string, string]> }>): { commits: FixRecord[]; files: string[] } {
  const files: string[] = [];
  const index = (file: string) => (files.includes(file) ? files.indexOf(file) : files.push(file) - 1);
  const records = commits.map((c, i): FixRecord => ({
    h: c.h, t: 1_000_000 - i, ...(c.fix ? { s: c.fix } : {}), f: c.files.map(index),
    ...(c.renames ? { r: c.renames.map(([from, to]): [number, number] => [index(from), index(to)]) } : {}),
  }));
  return { commits: records, files };
}

const hunk = (over: Partial<DiffHunk>): DiffHunk => ({ context: '', added: [], removed: [], around: [], ...over });

describe('regressionFixes: fixes that came without a test', () => {
  const present = (...files: string[]) => (file: string) => files.includes(file);
  const all = { isSource: () => true };

  it('takes fixes that changed sources and nothing test-like, newest first, with the sources still there', () => {
    const { commits, files } = history([
      { h: 'c4', fix: 'Fix totals', files: ['src/total.ts', 'CHANGELOG.md'] },
      { h: 'c3', fix: 'Fix parse', files: ['src/parse.ts', 'test/parse.test.ts'] },
      { h: 'c2', fix: 'Fix load', files: ['src/load.go', 'src/testdata/load.golden'] },
      { h: 'c1', files: ['src/total.ts'] },
      { h: 'c0', fix: 'Fix gone', files: ['src/old.ts'] },
    ]);
    const found = regressionCandidates(commits, files, { ...all, isPresent: present('src/total.ts', 'src/parse.ts', 'src/load.go') });
    assert.deepEqual(found.map((f) => [f.hash, f.sources.map((s) => s.atHead)]), [['c4', ['src/total.ts']]],
      'a test or test data in the fix, a file gone since, a commit that is not a fix: none is a candidate');
  });

  it('leaves out fixes a regression test cannot pin: performance, speculative, unreachable, a bare "small fix"', () => {
    const { commits, files } = history([
      { h: 'p1', fix: 'searcher: fix a performance bug with -A', files: ['src/roll.rs'] },
      { h: 'p2', fix: 'Fix speculatively some placement-new issues', files: ['src/env.cc'] },
      { h: 'p3', fix: 'Small fix.', files: ['src/skiplist.h'] },
      { h: 'p4', fix: 'Fix one-byte over-read that is unreachable from the CLI', files: ['src/builtin.c'] },
      { h: 'ok', fix: 'Fix crash on empty input', files: ['src/parse.c'] },
    ]);
    const found = regressionCandidates(commits, files, { ...all, isPresent: () => true });
    assert.deepEqual(found.map((f) => f.hash), ['ok']);
  });

  it('skips a source that a later commit changed together with a test, following renames back to the fix', () => {
    const { commits, files } = history([
      { h: 'c3', files: ['lib/new.js', 'test/new.test.js'] },
      { h: 'c2', files: ['lib/new.js'], renames: [['lib/old.js', 'lib/new.js']] },
      { h: 'c1', fix: 'Fix both', files: ['lib/old.js', 'lib/kept.js'] },
    ]);
    const found = regressionCandidates(commits, files, { ...all, isPresent: present('lib/new.js', 'lib/kept.js') });
    assert.deepEqual(found.map((f) => f.sources), [[{ atFix: 'lib/kept.js', atHead: 'lib/kept.js' }]]);
    assert.deepEqual(found[0]!.changed, ['lib/old.js', 'lib/kept.js']);
    const renamed = history([
      { h: 'c2', files: ['lib/new.js'], renames: [['lib/old.js', 'lib/new.js']] },
      { h: 'c1', fix: 'Fix it', files: ['lib/old.js'] },
    ]);
    assert.deepEqual(regressionCandidates(renamed.commits, renamed.files, { ...all, isPresent: present('lib/new.js') })[0]!.sources, [{ atFix: 'lib/old.js', atHead: 'lib/new.js' }]);
  });

  it('leaves out sweeps, sources the filter drops, and stops at the cap', () => {
    const sweep = Array.from({ length: 21 }, (_, i) => `src/f${i}.ts`);
    const { commits, files } = history([
      { h: 'c3', fix: 'Fix imports everywhere', files: sweep },
      { h: 'c2', fix: 'Fix vendored', files: ['vendor/x.js'] },
      { h: 'c1', fix: 'Fix one', files: ['src/f1.ts'] },
      { h: 'c0', fix: 'Fix two', files: ['src/f2.ts'] },
    ]);
    const options = { isSource: (f: string) => !f.startsWith('vendor/'), isPresent: () => true };
    assert.deepEqual(regressionCandidates(commits, files, options).map((f) => f.hash), ['c1', 'c0']);
    assert.deepEqual(regressionCandidates(commits, files, { ...options, max: 1 }).map((f) => f.hash), ['c1']);
  });

  it('knows which merge brought each branch commit, a long-lived branch giving each merge only what it brought new', () => {
    // main: m1 <- m2(merge of s2) <- m3 <- m4(merge of s3, which merged pr)    stable: s1 <- s2 <- s3(merge of pr) ; pr: p1 <- p2
    const parents = new Map<string, string[]>([
      ['m4', ['m3', 's3']], ['m3', ['m2']], ['m2', ['m1', 's2']], ['m1', []],
      ['s3', ['s2', 'p2']], ['p2', ['p1']], ['p1', ['s2']], ['s2', ['s1']], ['s1', ['m1']],
    ]);
    assert.deepEqual([...mergedBy(parents, 'm4')].sort(), [['p1', 'm4'], ['p2', 'm4'], ['s1', 'm2'], ['s2', 'm2'], ['s3', 'm4']]);
    assert.deepEqual([...mergedBy(new Map([['a', ['b']], ['b', []]]), 'a')], [], 'a straight line merges nothing');
  });

  it('counts tests, test helpers and test data as test-like', () => {
    for (const file of ['test/a.test.ts', 'src/a_test.go', 'pkg/testdata/case.txt', 'spec/fixtures/x.json', 'src/__snapshots__/a.snap', 'src/testing/fake.go', 'tests/unit/acl.tcl']) {
      assert.equal(isTestArtifact(file), true, file);
    }
    for (const file of ['src/acl.c', 'lib/latest.js', 'src/contest.py']) assert.equal(isTestArtifact(file), false, file);
  });
});

describe('regressionFixes: where the fix sits at HEAD', () => {
  const head = [
    'export function total(items: number[]): number {',
    '  let sum = 0;',
    '  for (const item of items) sum += item;',
    '  if (sum < 0) throw new Error("negative total");',
    '  return sum;',
    '}',
    '',
    'export function parse(text: string): number[] {',
    '  const parts = text.split(",").filter((p) => p.trim() !== "");',
    '  return parts.map(Number);',
    '}',
    '',
  ].join('\n');

  it('finds the function holding the lines the fix added, though they moved since', () => {
    const loc = locateFix('src/calc.ts', [hunk({ removed: ['  const parts = text.split(",");'], added: ['  const parts = text.split(",").filter((p) => p.trim() !== "");'], around: ['export function parse(text: string): number[] {'] })], head);
    assert.equal(loc.kind, 'located');
    if (loc.kind !== 'located') return;
    assert.deepEqual([loc.fn?.name, loc.line, loc.endLine, loc.changedLines], ['parse', 9, undefined, 2], 'at the changed line, in parse');
    const twoLines = locateFix('src/calc.ts', [hunk({ added: ['  const parts = text.split(",").filter((p) => p.trim() !== "");', '  return parts.map(Number);'] })], head);
    assert.ok(twoLines.kind === 'located');
    assert.deepEqual([twoLines.line, twoLines.endLine], [9, 10]);
  });

  it('finds a deletion by the lines around it, and picks the function with most changed lines', () => {
    const loc = locateFix('src/calc.ts', [
      hunk({ removed: ['  sum = Math.abs(sum);'], around: ['  for (const item of items) sum += item;', '  if (sum < 0) throw new Error("negative total");'] }),
      hunk({ removed: ['  a;', '  b;', '  c;'], added: ['  return parts.map(Number);'] }),
    ], head);
    assert.ok(loc.kind === 'located');
    assert.deepEqual([loc.fn?.name, loc.changedLines], ['parse', 5]);
  });

  it('calls a change to messages, comments or spacing cosmetic, and code found nowhere at HEAD gone', () => {
    assert.equal(locateFix('src/calc.ts', [hunk({ removed: ['  if (sum < 0) throw new Error("negativ total");'], added: ['  if (sum < 0) throw new Error("negative total");'] })], head).kind, 'cosmetic');
    assert.equal(locateFix('src/calc.ts', [hunk({ removed: ['  // sums', '  x  =  1;'], added: ['  // adds up', '  x = 1;'] })], head).kind, 'cosmetic');
    assert.equal(locateFix('src/calc.ts', [hunk({ removed: ['  x = 1;'], added: ['  x = computeSomethingElse(2);'], around: ['}'] })], head).kind, 'gone');
  });

  it('sees test code inside a source: a Rust #[test], a doctest, a change inside a function named as a test', () => {
    assert.equal(locateFix('src/walk.rs', [hunk({ added: ['    #[test]', '    fn quits() {}'] })], 'fn x() {}\n').kind, 'testCode');
    assert.equal(locateFix('src/a.py', [hunk({ added: ['    >>> parse("1,2")'] })], 'def x():\n    pass\n').kind, 'testCode');
    assert.equal(locateFix('src/kvstore.c', [hunk({ context: 'int kvstoreTest(int argc, char **argv, int flags) {', added: ['    assert(x == 1);'] })], 'int x;\n').kind, 'testCode');
    assert.deepEqual(['kvstoreTest', 'test_parse', 'freeTestCallback', 'TestParse', 'getLatestVersion', 'contest', 'attestation'].map(namesATest), [true, true, true, true, false, false, false]);
  });

  it('points a change outside any function at its code rather than the import it needed', () => {
    const text = "import util from 'util';\nimport {Readable} from 'stream';\n\nconst encoder = typeof TextEncoder === 'function' ? new TextEncoder() : new util.TextEncoder();\n";
    const loc = locateFix('lib/form.js', [
      hunk({ removed: ["import {TextEncoder} from 'util';"], added: ["import util from 'util';"] }),
      hunk({ removed: ['const encoder = new TextEncoder();'], added: ["const encoder = typeof TextEncoder === 'function' ? new TextEncoder() : new util.TextEncoder();"] }),
    ], text);
    assert.ok(loc.kind === 'located');
    assert.deepEqual([loc.fn, loc.line, loc.changedLines], [undefined, 4, 4]);
    assert.equal(changedLineCount([hunk({ added: ['a', '', '  '], removed: ['b'] })]), 2);
  });
});
