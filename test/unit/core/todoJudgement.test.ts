import { strict as assert } from 'node:assert';
import { isOldVagueNote, isProsePath, isVagueWording, todoWaitsOn, VAGUE_MIN_AGE_DAYS } from '../../../src/core/todoJudgement';

describe('core/todoJudgement: TODOs that wait, vague design notes, and prose', () => {
  it('says what a TODO waits on: a major version, a version number, an upstream fix or feature, a dropped platform', () => {
    const cases: Array<[string, string]> = [
      ['Gt is unused by cobra and should be removed in a version 2. It exists only for compatibility', 'version 2'],
      ['In the next semver breaking release, we should drop this pool and', 'the next major version'],
      ['This should not return a Result . Fix this in the next semver', 'the next major version'],
      ["Remove in the next major version - it's a pure alias for StrictOptions .", 'the next major version'],
      ['Remove this in 3.0.0: see #2811', 'version 3'],
      ['deprecate in v2', 'version 2'],
      ['delete this overload in Retrofit 3.0.', 'Retrofit 3.0'],
      ['switch to fs.rmSync() when our minimum requirements are Node 14.14.0.', 'our minimum requirements are Node 14.14.0'],
      ['move to typing when Python >= 3.13', 'Python >= 3.13'],
      ['Adjust this once Gson throws more specific exception type', 'Gson throws more specific exception type'],
      ['When switching to sync EventMonitor, restructure event order.', 'switching to sync EventMonitor'],
      ["This test will be helpful after switching #helpers's code from Module#include to Module#prepend", "switching #helpers's code from Module#include to Module#prepend"],
      ['b/287969247 - remove when EP bug fixed', 'EP bug fixed'],
      ['make this inline once this is fixed: https://github.com/oracle/graal/issues/3466', 'this is fixed: https://github.com/oracle/graal/issues/3466'],
      ['remove most of this code after https://github.com/bcgit/bc-java/issues/686', 'https://github.com/bcgit/bc-java/issues/686'],
      ['Remove this when create-test-server supports custom listen.', 'create-test-server supports custom listen'],
      ['remove if https://youtrack.jetbrains.com/issue/KT-20641 provides a better solution', 'an upstream issue (youtrack.jetbrains.com/issue/KT-20641)'],
      ['Keep the shim until Safari is fixed', 'Safari is fixed'],
      ['drop this when we drop Python 3.8', 'we drop Python 3.8'],
      ['blocked on the new storage API', 'the new storage API'],
      ['Registering adapter for JsonElement is allowed (for now) for backward compatibility, see https://github.com/x/y/issues/2787', 'a release that may break compatibility'],
      ['kept for backwards compatibility with 1.x callers', 'a release that may break compatibility'],
      ['move to Buffer class: https://youtrack.jetbrains.com/issue/KT-20427', 'an upstream issue (youtrack.jetbrains.com/issue/KT-20427)'],
      ['drop this branch when crbug.com/1234 is fixed', 'an upstream issue (crbug.com/1234)'],
      ['workaround for JDK-8214761 in the TLS stack', 'an upstream issue (JDK-8214761)'],
      ['Not working yet: a nullable suspend return type', 'a feature nobody has built yet'],
      ['trailers are not supported by the cache', 'a feature nobody has built yet'],
    ];
    for (const [text, waits] of cases) assert.equal(todoWaitsOn(text), waits, text);
  });

  it('a fix that belongs in a named dependency, or upstream, waits on it', () => {
    const cases: Array<[string, string]> = [
      ['This works around a bug in grep-regex where it does', 'an upstream fix (grep-regex)'],
      ["workaround for jemalloc's bug on macOS", 'an upstream fix (jemalloc)'],
      ['Workaround for a known issue in @babel/core.', 'an upstream fix (@babel/core)'],
      ['report compiler bug', 'an upstream fix (compiler)'],
      ['report this bug to libuv', 'an upstream fix (libuv)'],
      ['report this upstream', 'an upstream fix'],
      ['Fix this upstream and drop the copy', 'an upstream fix'],
      ['Fix it in hyper upstream', 'an upstream fix (hyper)'],
      ['upstream bug: the decoder drops the last byte', 'an upstream fix'],
      // Not a future release (`in Java 8`), but the fix is still Java's.
      ['works around a bug in Java 8', 'an upstream fix (Java)'],
    ];
    for (const [text, waits] of cases) assert.equal(todoWaitsOn(text), waits, text);
    // Must stay tasks: our own bug, reporting to a user, a proxy's upstream, a workaround with no name.
    for (const text of [
      'report it. Can\'t use the error callback as it is hard-coded', 'report errors to the user', 'report progress to the caller',
      'fix upstream server timeout handling', 'workaround for this bug; find the real cause', 'bug in parse(): off by one',
      'Fix cacheable-response. This is ugly.',
    ]) assert.equal(todoWaitsOn(text), undefined, text);
  });

  it('does not read a wait into an ordinary TODO: a condition in code, "only once", a version in a description', () => {
    for (const text of [
      'handle the case when the list is empty',
      'use a cache when the list is large',
      'call this only once per request',
      'retry at once on 503',
      'This test case fails, returning the error unknown command "foo" for "root" instead',
      'try to load latest version from release page',
      'Ideally should use Multi-Release JAR for this version specific code',
      'handle overflow when count > 255',
      'handle a quirk of Java 8 here',
      'free buffer',
      'fix the parser for backward compatibility with old config files',
      'see https://github.com/acme/app/issues/12 for the details',
      'handle unsupported encodings', 'implement retries for 503',
    ]) assert.equal(todoWaitsOn(text), undefined, text);
  });

  it('tells an open-ended design note from a task by its wording', () => {
    for (const text of [
      'do this better', 'could be faster', 'better parser', 'do less refcounting here', 'optimize',
      'maybe slice should reallocate if the slice is small enough', 'should we pop? Give a better error at least',
      'endianness/alignment', 'frames of size zero?', 'JsonParseException ?', 'Suppress dups?', 'more types',
      'Figure out whether it is indeed right to rethrow this as JsonSyntaxException', 'In theory, it should be possible to amortize',
      'better params handling, maybe turn it into "smart" object or detect changes', 'The first four tests below should correspond to a full set of bytes, I think',
      'signed vs unsigned',
    ]) assert.ok(isVagueWording(text), text);
    for (const text of [
      'handle empty invoice', 'free buffer', 'detect overflow.', 'Test Get() works', 'Should autoconf check for this!',
      'loadv/storev may do too much copying/freeing', 'compare keys vs values in one pass when the map is sorted', 'Retry here if the database is already open.', 'Use separate hits stats for WRITE', 'Create and use lpFindInteger; don\'t go via string.', '',
    ]) assert.ok(!isVagueWording(text), text);
  });

  it('counts a vague note as a design note only when it is old and dated', () => {
    assert.ok(isOldVagueNote('could be faster', 12 * 365));
    assert.ok(isOldVagueNote('could be faster', VAGUE_MIN_AGE_DAYS));
    assert.ok(!isOldVagueNote('could be faster', VAGUE_MIN_AGE_DAYS - 1), 'a fresh note is still live intent');
    assert.ok(!isOldVagueNote('could be faster', 0, true), 'an undated note is not judged old');
    assert.ok(!isOldVagueNote('handle empty invoice', 12 * 365));
  });

  it('knows documentation from code by file name', () => {
    for (const file of ['CHANGELOG.md', 'docs/guide.rst', 'CHANGELOG', 'NEWS', 'notes.txt', 'README', 'doc/api.adoc', 'History.rdoc']) assert.ok(isProsePath(file), file);
    for (const file of ['src/todo.ts', 'lib/changelog.rb', 'CMakeLists.txt.in', 'Makefile', 'src/news/feed.py', 'build.gradle.kts']) assert.ok(!isProsePath(file), file);
  });
});
