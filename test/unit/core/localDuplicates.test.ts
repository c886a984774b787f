import { strict as assert } from 'node:assert';
import { mergeLocalDuplicates } from '../../../src/core/localDuplicates';
import type { SkippedTestSignals, TaskCandidate, TodoSignals } from '../../../src/core/tasks';

const REPO = '/repo';
function todo(file: string, line: number, tag: TodoSignals['tag'], text: string, extra: Partial<TodoSignals> = {}): TaskCandidate {
  return { id: `todo:${file}:${line}`, title: `${tag}: ${text}`, repo: REPO, location: { file: `${REPO}/${file}`, line }, signals: { kind: 'todo', tag, text, ageDays: 100, ...extra } };
}
function skip(file: string, line: number, testName: string | undefined, extra: Partial<SkippedTestSignals> = {}): TaskCandidate {
  return {
    id: `skip:${file}:${line}`, title: `Skipped test: ${testName}`, repo: REPO, location: { file: `${REPO}/${file}`, line },
    signals: { kind: 'skippedTest', marker: '#[ignore]', ...(testName ? { testName } : {}), ageDays: 100, ...extra },
  };
}
const where = (c: TaskCandidate) => `${c.location!.file.slice(REPO.length + 1)}:${c.location!.line}`;

describe('core/localDuplicates: one task per piece of work', () => {
  it('folds a FIXME two lines above an #[ignore] into the skipped test, with its text and what it waits on', () => {
    const fixme = todo('crates/regex/src/matcher.rs', 637, 'FIXME', 'Re-enable this test once inner literal extraction works.', { waitsOn: 'inner literal extraction works' });
    const ignored = skip('crates/regex/src/matcher.rs', 639, 'candidate_lines');
    const other = todo('crates/regex/src/matcher.rs', 643, 'TODO', 'more cases');
    const { todos, skipped } = mergeLocalDuplicates([fixme, other], [ignored]);
    assert.deepEqual(todos.map(where), ['crates/regex/src/matcher.rs:643'], 'four lines away is another task');
    assert.equal(skipped.length, 1);
    const s = skipped[0]!.signals as SkippedTestSignals;
    assert.deepEqual(s.notes, ['FIXME: Re-enable this test once inner literal extraction works.']);
    assert.equal(s.waitsOn, 'inner literal extraction works');
    assert.equal(skipped[0]!.id, ignored.id);
  });

  it('does not repeat a comment the skip reason already quotes, and gives a TODO to the nearest skip only', () => {
    const fixme = todo('m.rs', 637, 'FIXME', 'Re-enable this test once inner literal extraction works.');
    const a = skip('m.rs', 639, 'candidate_lines', { reason: 'Test that candidate lines work. FIXME: Re-enable this test once inner literal extraction works.', reasonFrom: 'comment' });
    const b = skip('m.rs', 634, 'other');
    const { todos, skipped } = mergeLocalDuplicates([fixme], [a, b]);
    assert.deepEqual(todos, []);
    assert.equal((skipped[0]!.signals as SkippedTestSignals).notes, undefined);
    assert.equal((skipped[1]!.signals as SkippedTestSignals).notes, undefined, 'line 637 is 2 from 639 and 3 from 634');
  });

  it('merges the same test skipped twice in a file, and the same TODO text in a file, keeping the first line', () => {
    const { todos, skipped } = mergeLocalDuplicates(
      [todo('Http2.kt', 181, 'TODO', 'Avoid allocation.'), todo('Other.kt', 5, 'TODO', 'Avoid allocation.'), todo('Http2.kt', 185, 'TODO', 'avoid  allocation.'), todo('Http2.kt', 190, 'FIXME', 'Avoid allocation.')],
      [skip('path_test.go', 81, 'TestPathCleanMallocs'), skip('path_test.go', 85, 'TestPathCleanMallocs'), skip('a_test.go', 3, 'TestPathCleanMallocs'), skip('x.rs', 1, undefined), skip('x.rs', 2, undefined)],
    );
    assert.deepEqual(todos.map(where), ['Http2.kt:181', 'Other.kt:5', 'Http2.kt:190'], 'another file or another tag is another task');
    assert.deepEqual((todos[0]!.signals as TodoSignals).alsoAt, [185]);
    assert.deepEqual(skipped.map(where), ['path_test.go:81', 'a_test.go:3', 'x.rs:1']);
    assert.deepEqual((skipped[0]!.signals as SkippedTestSignals).alsoAt, [85]);
    assert.deepEqual((skipped[2]!.signals as SkippedTestSignals).alsoAt, [2], 'unnamed skips side by side are one place');
  });

  it('makes one task of the tests of a file skipped for the same reason, numbers aside; other reasons and files stay apart', () => {
    const reason = (n: string) => `This test fails because there's no double for ${n}, and our long parsing uses Double.parseDouble().`;
    const file = 'src/test/java/JsonReaderTest.java';
    const a = skip(file, 988, 'testPeekLargerThanLongMaxValue', { reason: reason('9223372036854775808') });
    const b = skip(file, 1002, 'testPeekLargerThanLongMinValue', { reason: reason('-9223372036854775809') });
    const c = skip(file, 1019, 'testHighPrecisionLong', { reason: reason('9223372036854775806') });
    const other = skip(file, 1100, 'testOther', { reason: 'Needs a JDK 21 runtime' });
    const elsewhere = skip('src/test/java/OtherTest.java', 10, 'testElsewhere', { reason: reason('1') });
    const { skipped } = mergeLocalDuplicates([], [a, b, c, other, elsewhere]);
    assert.deepEqual(skipped.map(where), [`${file}:988`, `${file}:1100`, 'src/test/java/OtherTest.java:10']);
    const s = skipped[0]!.signals as SkippedTestSignals;
    assert.deepEqual(s.alsoAt, [1002, 1019]);
    assert.deepEqual(s.notes, ['skipped test testPeekLargerThanLongMinValue (#[ignore])', 'skipped test testHighPrecisionLong (#[ignore])']);
  });

  it('makes one task of the same comment or the same skip reason across files, at the first place, product code first', () => {
    const why = "Single's contract is onNext|onError so we have no way of triggering this case";
    const modules = ['rxjava/SingleThrowingTest.java', 'rxjava2/MaybeThrowingTest.java', 'rxjava2/SingleThrowingTest.java', 'rxjava3/MaybeThrowingTest.java', 'rxjava3/SingleThrowingTest.java'];
    const copies = modules.map((file, i) => skip(file, 200 + i, 'resultThrowingInOnErrorDeliveredToPlugin', { reason: why }));
    const { todos, skipped } = mergeLocalDuplicates(
      [
        todo('Cargo.toml', 65, 'FIXME', 'Re-enable jemalloc on macOS', { inTooling: true }),
        todo('src/main.rs', 39, 'FIXME', 're-enable jemalloc on macOS, see comment in Cargo.toml file for more infos'),
        todo('db/recovery_test.cc', 332, 'TODO', 'See comment in MakeIOError() from env_chromium.cc.'),
        todo('util/env_test.cc', 184, 'TODO', 'See comment in MakeIOError() from env_chromium.cc.'),
        // The same first clause in one file is one task too.
        todo('src/dict.c', 334, 'TODO', "Add a flag 'keys_are_even' and if set, we can use"),
        todo('src/dict.c', 529, 'TODO', "Add a flag 'keys_are_even' and if set, we can use this"),
        // Must stay apart: a short comment, or a generic one that names nothing, means nothing beyond its place.
        todo('a.kt', 1, 'TODO', 'remove this, see docs'), todo('b.kt', 1, 'TODO', 'remove this, see docs'),
        todo('api/store.ts', 3, 'TODO', 'handle the empty case'), todo('ui/view.ts', 3, 'TODO', 'handle the empty case'),
      ],
      [
        ...copies, skip('x/ATest.java', 1, 'a', { reason: 'Not working yet' }), skip('y/BTest.java', 1, 'b', { reason: 'Not working yet' }),
        // One test copied into two modules with its plain reason is one task.
        skip('mockwebserver-deprecated/MockWebServerTest.kt', 259, 'disconnectAtStart', { reason: 'Not actually failing where expected' }),
        skip('mockwebserver/MockWebServerTest.kt', 292, 'disconnectAtStart', { reason: 'Not actually failing where expected' }),
      ],
    );
    assert.deepEqual(todos.map(where), ['src/main.rs:39', 'db/recovery_test.cc:332', 'src/dict.c:334', 'a.kt:1', 'b.kt:1', 'api/store.ts:3', 'ui/view.ts:3']);
    assert.deepEqual((todos[2]!.signals as TodoSignals).alsoAt, [529]);
    assert.equal((todos[2]!.signals as TodoSignals).alsoIn, undefined);
    assert.deepEqual((todos[0]!.signals as TodoSignals).alsoIn, ['Cargo.toml:65']);
    assert.deepEqual((todos[1]!.signals as TodoSignals).alsoIn, ['util/env_test.cc:184']);
    assert.deepEqual(skipped.map(where), ['rxjava/SingleThrowingTest.java:200', 'x/ATest.java:1', 'y/BTest.java:1', 'mockwebserver-deprecated/MockWebServerTest.kt:259']);
    assert.deepEqual((skipped[3]!.signals as SkippedTestSignals).alsoIn, ['mockwebserver/MockWebServerTest.kt:292']);
    assert.deepEqual((skipped[0]!.signals as SkippedTestSignals).alsoIn, modules.slice(1).map((file, i) => `${file}:${201 + i}`));
    // One issue link is one piece of work, however short the reason.
    const linked = mergeLocalDuplicates([], [skip('a/XTest.kt', 5, 'x', { reason: 'https://github.com/o/r/issues/4915' }), skip('b/YTest.kt', 7, 'y', { reason: 'https://github.com/o/r/issues/4915' }), skip('c/ZTest.kt', 9, 'z', { reason: 'https://github.com/o/r/issues/373' })]);
    assert.deepEqual(linked.skipped.map(where), ['a/XTest.kt:5', 'c/ZTest.kt:9']);
  });

  it('makes one task of a run of comments or skips a few lines apart, the others in its notes; farther ones stay apart', () => {
    const idna = [336, 337, 338, 339].map((line, i) => todo('-HostnamesCommon.kt', line, 'TODO', ['Must not begin with a combining mark.', 'Each character must be valid.', 'CheckJoiners from IDNA 2008', 'CheckBidi from IDNA 2008'][i]!));
    const { todos, skipped } = mergeLocalDuplicates(
      [...idna, todo('-HostnamesCommon.kt', 343, 'FIXME', 'far enough'), todo('-HostnamesCommon.kt', 347, 'TODO', 'four below that')],
      [skip('cart.test.js', 2, 'adds'), skip('cart.test.js', 3, 'subtracts'), skip('cart.test.js', 9, 'divides')],
    );
    assert.deepEqual(todos.map(where), ['-HostnamesCommon.kt:336', '-HostnamesCommon.kt:343', '-HostnamesCommon.kt:347']);
    const first = todos[0]!.signals as TodoSignals;
    assert.deepEqual(first.alsoAt, [337, 338, 339]);
    assert.deepEqual(first.notes, ['TODO: Each character must be valid.', 'TODO: CheckJoiners from IDNA 2008', 'TODO: CheckBidi from IDNA 2008']);
    assert.deepEqual(skipped.map(where), ['cart.test.js:2', 'cart.test.js:9']);
    assert.deepEqual((skipped[0]!.signals as SkippedTestSignals).notes, ['skipped test subtracts (#[ignore])']);
  });
});
