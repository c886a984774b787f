/**
 * Is a commit a behaviour fix? Decided from its subject line and author only (what `git log` gives for free), so
 * the history walk, `hands-on risk` and the test-gap reasons share one rule.
 *
 * A fix word (fix, bug, hotfix, regression, revert, crash, leak, CVE…) is needed first. Then the commit is NOT a
 * behaviour fix when what it fixes is not behaviour:
 * - always (nothing in the subject can outweigh it): a bot author (dependabot, renovate, `…[bot]`), a merge, a
 *   release or version bump, a dependency bump, a typo/spelling/grammar fix, a conventional-commit type other than
 *   `fix` (`docs:`, `chore:`, `ci:`, `style:`, `build:`, `test:`, `refactor:`, `perf:`, `feat:`…) or a `fix(scope)`
 *   whose scope is one of those (`fix(deps):`, `fix(docs):`), and commits about tests only ("Fix flaky test");
 * - unless the subject also names a defect (crash, leak, race, overflow, CVE, security…): docs, comments, lint and
 *   compiler warnings, code formatting, CI, build and compilation.
 * A `Revert "…"` is a fix (the change it undoes broke something) unless the reverted subject is itself one of the
 * above. Component prefixes that are not conventional types (`printer: fix panic`, `ignore: fix …`) are read as
 * part of the subject.
 * Pure; called once per commit in the history walk (hot path): commits without a fix word cost one regex test.
 */

/** Why a commit does not count as a behaviour fix. */
export type NonFixReason =
  | 'noFixWord' | 'bot' | 'merge' | 'release' | 'dependencies' | 'typo' | 'docs' | 'comments' | 'lint' | 'formatting'
  | 'ci' | 'build' | 'tests' | 'refactor' | 'feature' | 'performance' | 'chore';

export type CommitKind = { readonly fix: true } | { readonly fix: false; readonly why: NonFixReason };

/**
 * Words that make a subject a fix candidate, as whole words. A superset of what classifyCommit calls a fix, so a
 * caller can skip the classifier for lines without them (the sha, time and parents around a subject are hex and
 * digits: a whole `git log` header line can be tested as is).
 */
export const FIX_WORDS =
  /\b(?:fix(?:e[sd]|ing)?|bug(?:s|fix(?:es)?)?|hotfix(?:es)?|regressions?|revert(?:s|ed)?|crash(?:es|ed|ing)?|segfaults?|deadlocks?|leaks?|use-after-free|CVE-\d{4}-\d+)\b/i;

/** Defect words: their presence outweighs the weaker "not behaviour" topics (docs, lint, CI, build…). */
const DEFECT =
  /\b(?:crash(?:es|ed|ing)?|segfaults?|panic(?:s|ked|king)?|deadlocks?|races?|race conditions?|leak(?:s|ed|ing)?|use-after-free|(?:buffer|stack|integer|heap) overflow|out[- ]of[- ]bounds|null ?pointer|NPE|NullPointerException|nil pointer|hang(?:s|ing)?|infinite loop|corrupt(?:s|ed|ion)?|data loss|CVE-\d{4}-\d+|vulnerabilit(?:y|ies)|vulnerable|ReDoS|XSS|SSRF|injection|prototype pollution)\b/i;

const BOT_AUTHOR =
  /\[bot\]|^(?:dependabot|renovate|greenkeeper|snyk-bot|github-actions|pre-commit-ci|mergify|imgbot|allcontributors|semantic-release-bot|copybara|web-flow)\b|(?:^|[^a-z])bot@/i;

const MERGE = /^merge(?:d)? (?:pull request|branch|remote-tracking branch|tag|commit|changes from|['"`])/i;

/** `type(scope)!: description`; the type must be a known conventional type to count (see CONVENTIONAL). */
const CONVENTIONAL_PREFIX = /^\s*([a-z]+)(?:\(([^)]*)\))?!?:\s*/i;

/** Conventional-commit types and what they mean here; `fix` and `revert` are read further. */
const CONVENTIONAL: Readonly<Record<string, NonFixReason | 'fix' | 'revert'>> = {
  fix: 'fix', fixes: 'fix', bugfix: 'fix', hotfix: 'fix', revert: 'revert',
  docs: 'docs', doc: 'docs', chore: 'chore', ci: 'ci', style: 'formatting', build: 'build', test: 'tests', tests: 'tests',
  refactor: 'refactor', perf: 'performance', feat: 'feature', feature: 'feature', release: 'release', deps: 'dependencies',
  lint: 'lint', typo: 'typo', wip: 'chore',
};

const RELEASE =
  /^(?:release[sd]?\b|releasing\b|prepare(?:d)? (?:for )?(?:the )?(?:\S+ )?release\b|bump(?:ed)? (?:the )?version\b|version bump\b|v?\d+\.\d+(?:\.\d+)*(?:[-+.][\w.]+)?\s*$)|^fix(?:e[sd])? (?:the )?version(?: number)?\W*$/i;

const DEPENDENCIES =
  /\b(?:deps|dependabot|renovate|dependenc(?:y|ies)|package-lock(?:\.json)?|yarn\.lock|composer\.lock|Cargo\.lock|go\.sum|Gemfile\.lock|poetry\.lock)\b|\b(?:bump(?:s|ed|ing)?|upgrade[sd]?|update[sd]?)\b[^,;]*?\b(?:from|to) v?\d/i;

const TYPO = /\b(?:typos?|typographical|spelling|misspell(?:ed|ing|ings)?|grammar|grammatical|codespell|wording|phrasing|punctuation)\b/i;

const TESTS =
  /\b(?:tests?|testing|testcases?|test ?suites?|unit ?tests?|specs|rspec|flaky|flakey|flakiness|fixtures?|mutants?|mutation testing|benchmarks?|fuzz(?:er|ers|ing)?)\b/i;

/** "…and add a test", "with tests": tests that come with a fix do not make it a tests-only commit. */
const ADDED_TESTS = /(?:\b(?:adds?|added|adding|with|and|plus|includ(?:e|es|ing)|write|wrote|cover(?:ed)? by)\b|[+&])(?:\s+[\w-]+)?\s+(?:tests?|specs|test ?cases?)\b/gi;

const DOCS =
  /\b(?:docs?|documentation|documented|readme|changelog|changes\.md|history\.md|release notes|javadocs?|jsdoc|kdoc|docstrings?|apidoc|doxygen|docblocks?|phpdoc|rdoc|yard|markdown|mkdocs?|sphinx|rtd|man ?pages?|(?:fix(?:e[sd])?|broken|dead|bad|wrong|outdated|doc|docs|readme|issue|pr)(?: [\w-]+)? links?|links? (?:in|to|definitions?)|badges?|toc|table of contents|examples?|tutorials?|guides?|contributing|code of conduct|license|copyright|website|homepage|faq|[\w-]+\.(?:md|rst|adoc|txt))\b/i;

/** A comment as the thing fixed ("Fix outdated comment", "typo in comments"), not "handling of comments". */
const COMMENTS = /\b(?:fix(?:e[sd]|ing)?|update[sd]?|in|the|a|outdated|stale|missing|wrong|incorrect|misleading|some|code|doc|function|api|deprecation|version)\s+comments?\b/i;

const LINT =
  /\b(?:lint(?:s|er|ers|ing)?|eslint|tslint|clippy|rubocop|pylint|flake8|ruff|mypy|pyright|pyflakes|phpstan|psalm|phpcs|golangci(?:-lint)?|go vet|staticcheck|error ?prone|spotbugs|findbugs|sonar(?:cloud|qube|lint)?|codacy|checkstyle|detekt|ktlint|scalafix|swiftlint|clang-tidy|cppcheck|coverity|pvs-studio|analy[sz]ers?|static analysis|code analysis|warnings?|deprecations?|nullness|type hints?|typings?|type errors?|type annotations?|sanitizers?|tsan|asan|ubsan|msan|valgrind|(?:CA|CS|IDE|SA|RCS|MA|VSTHRD|C|S)\d{3,5})\b/i;

const FORMATTING =
  /\b(?:reformat(?:s|ted|ting)?|CS|coding standards?|code standards?|clang-format|prettier|gofmt|goimports|rustfmt|scalafmt|black|isort|spotless|ktfmt|google-java-format|php-cs-fixer|cs-fixer|whitespaces?|indentation|indents?|trailing (?:spaces?|whitespace|commas?)|code ?style|coding style|cod(?:e|ing) conventions?|style (?:issues?|nits?|errors?|violations?))\b|^\W*fix(?:e[sd]|ing)?\s+(?:the\s+|code\s+|some\s+|minor\s+)?(?:formatting|format|style|styling|indentation)\W*$/i;

const CI =
  /\b(?:ci|github actions?|actions\/[\w-]+|gh actions?|workflows?|travis|appveyor|circleci|circle ci|azure pipelines?|jenkins(?:file)?|gitlab-ci|pre-commit|codeql|scorecard|codecov|coveralls|dependabot config)\b/i;

const BUILD =
  /\b(?:builds?|building|cmake(?:lists)?|makefiles?|bazel|gradle|maven|pom\.xml|sbt|msbuild|meson|autotools|autoconf|configure script|compil(?:e|es|ing|ation)(?:\s+(?:errors?|failures?|issues?|warnings?|problems?|breakage|with|on|under|as|for|in|using)\b|\W*$)|(?:fix(?:e[sd]|ing)?|when|while|to) compil(?:e|ing|ation)(?![- ]time)|compilers?|msvc|gcc|clang\+?\+?|mingw|icc|nvcc|xcode|linker|linking|link errors?|pch|podspec|package\.swift|setup\.py|pyproject(?:\.toml)?|setup\.cfg|pip-compile|cargo\.toml|go\.mod|nuget|csproj|gemspec|composer\.json|package\.json|tsconfig(?:\.json)?|webpack|rollup|esbuild|babel|vite|release script|build script|packaging)\b/i;

const FIX: CommitKind = { fix: true };
const NOT: Readonly<Record<NonFixReason, CommitKind>> = Object.fromEntries(
  (['noFixWord', 'bot', 'merge', 'release', 'dependencies', 'typo', 'docs', 'comments', 'lint', 'formatting', 'ci', 'build', 'tests', 'refactor', 'feature', 'performance', 'chore'] as const)
    .map((why) => [why, { fix: false, why }]),
) as Record<NonFixReason, CommitKind>;

/**
 * Classifies one commit from its subject (first line of the message) and, when known, its author's name and email.
 * Returns the same frozen-shaped objects for equal results, so a walk over many commits allocates nothing for it.
 */
export function classifyCommit(subject: string, authorName = '', authorEmail = ''): CommitKind {
  if (!FIX_WORDS.test(subject)) return NOT.noFixWord;
  if (BOT_AUTHOR.test(authorName) || BOT_AUTHOR.test(authorEmail)) return NOT.bot;
  return classifySubject(subject.trim(), 0);
}

/** True when classifyCommit says the commit is a behaviour fix. */
export function isBehaviourFix(subject: string, authorName = '', authorEmail = ''): boolean {
  return classifyCommit(subject, authorName, authorEmail).fix;
}

function classifySubject(subject: string, depth: number): CommitKind {
  if (MERGE.test(subject)) return NOT.merge;
  // `[pre-commit.ci] auto fixes…`, `[cmake] fix …`: a bracketed tag reads like a conventional scope.
  const tagged = /^\[([^\]]+)\]\s*/.exec(subject);
  if (tagged) {
    const fromTag = topicOf(tagged[1]!, true);
    if (fromTag) return NOT[fromTag];
    subject = subject.slice(tagged[0].length);
  }
  const revert = /^revert(?:s|ed)?:?\s*(?:"(.+)"[^"]*|'(.+)'[^']*|(.+))$/i.exec(subject);
  if (revert && depth < 3) {
    const inner = (revert[1] ?? revert[2] ?? revert[3] ?? '').trim();
    // The reverted change is judged by its own subject; a revert of something that has no fix word still undid
    // a behaviour change that broke something.
    const undone = classifySubject(inner, depth + 1);
    return undone.fix || undone.why === 'noFixWord' ? FIX : undone;
  }
  const conventional = CONVENTIONAL_PREFIX.exec(subject);
  let description = subject;
  if (conventional) {
    const type = CONVENTIONAL[conventional[1]!.toLowerCase()];
    if (type === 'revert') return classifySubject(`Revert "${subject.slice(conventional[0].length)}"`, depth + 1);
    if (type !== undefined && type !== 'fix') return NOT[type];
    if (type === 'fix' && conventional[2]) {
      const fromScope = topicOf(conventional[2], true);
      if (fromScope) return NOT[fromScope];
    }
    if (type === 'fix') description = subject.slice(conventional[0].length);
    // An unknown prefix (`printer: fix panic …`) is a component name: the subject is read whole.
    if (type === undefined && !FIX_WORDS.test(subject)) return NOT.noFixWord;
    if (type === 'fix' && !description) return FIX;
  }
  if (RELEASE.test(description)) return NOT.release;
  const conventionalFix = conventional !== null && CONVENTIONAL[conventional[1]!.toLowerCase()] === 'fix';
  const topic = topicOf(description, false, conventionalFix);
  if (topic) return NOT[topic];
  // A conventional `fix:` says so itself; otherwise the fix word must be there (it may sit in the scope only).
  return conventionalFix || FIX_WORDS.test(subject) ? FIX : NOT.noFixWord;
}

/**
 * The non-behaviour topic of a text (a subject, a conventional scope or a bracketed tag), or undefined. `label`:
 * the text is a scope or tag (`deps`, `docs`, `ci`), where one word says it all and no defect word outweighs it.
 * `impliedFix`: a conventional `fix:` description, a fix even without a fix word of its own.
 */
function topicOf(text: string, label: boolean, impliedFix = false): NonFixReason | undefined {
  if (label) {
    const word = text.trim().toLowerCase();
    const type = CONVENTIONAL[word];
    if (type !== undefined && type !== 'fix' && type !== 'revert') return type;
  }
  if (TYPO.test(text)) return 'typo';
  if (DEPENDENCIES.test(text)) return 'dependencies';
  if (TESTS.test(text)) {
    const rest = text.replace(ADDED_TESTS, ' ');
    // Still about tests once "and add a test" is gone, or nothing but the added tests mentions a fix ("fix: add
    // missing tests" says it with its type and opening words).
    if (TESTS.test(rest) || label || (!FIX_WORDS.test(rest) && (!impliedFix || /^\W*(?:add|write|wrote|cover)/i.test(text)))) return 'tests';
  }
  if (!label && DEFECT.test(text)) return undefined;
  if (DOCS.test(text)) return 'docs';
  if (COMMENTS.test(text) || (label && /^comments?$/i.test(text.trim()))) return 'comments';
  if (LINT.test(text)) return 'lint';
  if (FORMATTING.test(text) || (label && /^(?:format|formatting|fmt)$/i.test(text.trim()))) return 'formatting';
  if (CI.test(text)) return 'ci';
  if (BUILD.test(text)) return 'build';
  return undefined;
}
