import { strict as assert } from 'node:assert';
import { classifyCommit, FIX_WORDS, isBehaviourFix, type NonFixReason } from '../../../src/core/commitKind';

/** Subjects in the style seen in public repositories' histories (C, C++, C#, Go, Java, JS, PHP, Python, Ruby, Rust, Swift). */
const FIXES = [
  'Fix empty invoice (fixes #12)',
  'fix: prevent completions from mutating os.Args via append side effect (#2356)',
  'fix(fetch): fix headers getting from a stream response; (#6401)',
  'fix(http): use `globalThis.TextEncoder` when available (#6634)',
  'fix: derive `Default` when possible', // conventional fix with no fix word in its description
  'Fix: peekNumber rejects some numerals like 2^64 + "0" (#3034)',
  'printer: fix panic in replacements in look-around corner case', // component prefix, not a conventional type
  'searcher: fix regression with `--line-buffered` flag',
  'Fix heap-use-after-free when pubsubshard_channels became NULL (#13038)',
  'Fix crash in RM_ScanKey() when used with hexpire (#13320)',
  'Fix a class loading deadlock involving `TypeAdapters`. (#2740)',
  'Fix `Closeable.use` `NullPointerException` (#1453)',
  'Fix DateFormat time zone is not restored and add Test. (#2549)', // a fix that comes with its test
  'Fix duplicate key detection when first value is null, add regression test',
  'Fix missing named-arg validation for compiled format strings (#4638)', // "compiled" is the product's domain here
  'Fix formatting of timezone names', // formatting is what this library does
  'Fix ACL SETUSER Read/Write key pattern selector (CVE-2024-31227)',
  'sec: security patch for CVE-2024-51999',
  'Don\'t crash when running on an older runtime (#1647)',
  'Fix a race condition issue in the cache_memory of functionsLibCtx (#13476)',
  'Fix memory leak reported by valgrind in CI', // a defect outweighs "CI"
  'fix: use URL API instead of DOM to fix a potential vulnerability warning; (#6714)',
  'Revert "Optimize the default FP formatting"', // undoing a change that broke something
  'Revert multi OOM limit and add multi buffer limit (#12961)',
  'bugfix for z',
  'Hotfix 1.2: session lost on redirect',
  'regression in totals',
  'Fix handling of comments in gitignore files',
  'Fix #2288 (#2313)',
];

const NOT_FIXES: ReadonlyArray<[string, NonFixReason]> = [
  ['Fix typos and grammar issues (#3092)', 'typo'],
  ['doc: fix typos in comments', 'docs'],
  ['Fix typo in `FMT_HAS_BUILTIN` check', 'typo'],
  ['Fix spelling: othewise ==> otherwise (#3791)', 'typo'],
  ['fix codespell findings', 'typo'],
  ['Fix grammar', 'typo'],
  ['Fix broken links in README.md (#4066)', 'docs'],
  ['Fix the issue link in the 3.0.1 Changelog', 'docs'],
  ['docs: fix JSDoc for req.accepts() return value and parameter format (#6936)', 'docs'],
  ['fix(docs): clarify guidelines for becoming a committer (#6364)', 'docs'],
  ['Fix PipelineNameComparer example in documentation (#1931)', 'docs'],
  ['Fix XML doc comment (#3201)', 'docs'],
  ['Fix markdown', 'docs'],
  ['Fix ToC', 'docs'],
  ['Fix outdated comment (#2954)', 'comments'],
  ['fix comment of aeProcessEvents (#12884)', 'comments'],
  ['Fix CA1062 warnings (#2238)', 'lint'],
  ['Fix S3253/S6605/SA1625/S103 warnings (#2086)', 'lint'],
  ['Fix IDE0055 warnings', 'lint'],
  ['fix mypy findings', 'lint'],
  ['fix pyright type errors', 'lint'],
  ['Fix phpstan build', 'lint'],
  ['lint: fix a few Clippy errors', 'lint'],
  ['Fix a Yoda condition to placate Error Prone. (#2673)', 'lint'],
  ['Fix warning C4702 emitted from format.h (MSVC) (#3866)', 'lint'],
  ['Fix formatting', 'formatting'],
  ['Fix CS', 'formatting'],
  ['Fix coding standards', 'formatting'],
  ['style: fix new lints', 'formatting'],
  ['Fix style with clang-format', 'formatting'],
  ['Fix CI for macOS 14 (#2079)', 'ci'],
  ['Fix release workflow startup failure from insufficient permissions', 'ci'],
  ['fix: actions/setup-go v6 (#2337)', 'ci'],
  ['fix(ci): updated scorecard actions (#6322)', 'ci'],
  ['Fix the build', 'build'],
  ['fix cmake build', 'build'],
  ['Fix compilation on clang-21 / libc++-21 (#4477)', 'build'],
  ['Fix build error with MSVC v141 (#4413)', 'build'],
  ['[cmake] fix MASTER_PROJECT heuristic; only enable install if master project (#4536)', 'build'],
  ['Fix flaky replication tests (#13518)', 'tests'],
  ['Fix race in slot dict resize test (#12942)', 'tests'], // a race in a test is still a test fix
  ['Fix test failure due to differing reply format of XREADGROUP under RESP3 in MULTI (#13255)', 'tests'],
  ['test: add regression test for fixed bug', 'tests'],
  ['fix: add missing tests for the parser', 'tests'],
  ['revert cli test change', 'tests'],
  ['Fix flaky mutants', 'tests'],
  ['fix(deps): serve-static@^2.2.0 (#6418)', 'dependencies'],
  ['fix(deps)!: content-disposition@^1.0.0 (#5884)', 'dependencies'],
  ['fix(vulnerability): update follow-redirects to 1.15.6 (#6300)', 'dependencies'],
  ['Bump golang.org/x/net from 0.17.0 to 0.23.0 to fix CVE-2023-45288', 'dependencies'],
  ['chore: fix typo (#6609)', 'chore'],
  ['chore(ci): bump create-pull-request version to fix a bug; (#6405)', 'chore'],
  ['refactor: fix naming of the request helpers', 'refactor'],
  ['perf: fix slow path in header parsing', 'performance'],
  ['feat: add retries and fix backoff', 'feature'],
  ['fix(refactor): prefix built-in node module imports', 'refactor'],
  ['Merge pull request #123 from someone/fix-crash', 'merge'],
  ["Merge branch 'bugfix/empty-body'", 'merge'],
  ['Release 2.1.1 with bug fixes', 'release'],
  ['Fix version', 'release'],
  ['Revert "docs: fix the contributing link"', 'docs'], // reverting a non-fix is no fix either
  ['Revert "chore: expose fromDataToStream to be consumable (#6731)" (#6732)', 'chore'],
  ['Update things', 'noFixWord'],
  ['Add a fixture for the parser', 'noFixWord'],
  ['prefix paths with the base', 'noFixWord'],
  ['debug output for the scheduler', 'noFixWord'],
];

describe('commit kind: is a commit a behaviour fix (subject and author)', () => {
  it('reads behaviour fixes as fixes, whatever their wording and prefix', () => {
    for (const subject of FIXES) assert.deepEqual(classifyCommit(subject, 'Dana', 'dana@example.com'), { fix: true }, subject);
  });

  it('does not count typos, docs, comments, lint, formatting, CI, build, tests, dependencies, releases, merges or other types', () => {
    for (const [subject, why] of NOT_FIXES) assert.deepEqual(classifyCommit(subject), { fix: false, why }, subject);
  });

  it('does not count bots, by name or email', () => {
    assert.deepEqual(classifyCommit('fix: bump lodash', 'dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com'), { fix: false, why: 'bot' });
    assert.deepEqual(classifyCommit('[pre-commit.ci] auto fixes from pre-commit.com hooks', 'pre-commit-ci[bot]', '66853113+pre-commit-ci[bot]@users.noreply.github.com'), { fix: false, why: 'bot' });
    assert.deepEqual(classifyCommit('Fix crash on empty input', 'renovate', 'renovate@whitesourcesoftware.com'), { fix: false, why: 'bot' });
    assert.deepEqual(classifyCommit('Fix crash on empty input', 'Abbot Smith', 'abbot@example.com'), { fix: true }, 'a name that merely contains "bot"');
  });

  it('needs a fix word as a whole word, and FIX_WORDS pre-screens every fix', () => {
    assert.equal(isBehaviourFix('fixup! add parser'), false);
    assert.equal(isBehaviourFix('Fixes #3'), true);
    for (const subject of FIXES) assert.ok(FIX_WORDS.test(subject), subject);
    // A whole `git log` header line can be screened: hex, digits and tabs hold no fix word.
    assert.ok(!FIX_WORDS.test('\u00009f2c1e0a4b\t1700000000\tabc123\tDev\tdev@example.com\tAdd parser'));
  });
});
