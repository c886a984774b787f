/**
 * Is a TODO/FIXME a task a leader can start now? Pure judgements from the comment's words (and its age), used by
 * the TODO source and, for skip reasons, by skipJudgement.ts.
 *
 * - Waiting: the comment names what it waits on: the next major or semver-breaking release, a version (`in a
 *   version 2`), an upstream fix or feature (`once X supports Y`, `remove when the EP bug is fixed`, `after
 *   https://…/issues/686`), a dropped platform (`when we drop Node 14`), a fix that belongs in a named dependency
 *   (`works around a bug in grep-regex`, `report compiler bug`, `fix this upstream`). Not actionable until then.
 * - Vague: a design note rather than a task (`could be faster`, `do this better`, `maybe …?`, two words with no
 *   detail). Only an old one counts (VAGUE_MIN_AGE_DAYS): a fresh note is still someone's live intent.
 * - Prose: CHANGELOGs, READMEs and other documentation are not code; a `### BUG FIXES` heading there is no marker.
 */

/** Younger vague notes are still someone's live intent; older ones are design notes nobody picked up. */
export const VAGUE_MIN_AGE_DAYS = 365;
const MAX_WAIT_CHARS = 80;

/** Done when something else happens: verbs in the passive that end a wait (`is fixed`, `are released`). */
const HAPPENS = String.raw`(?:is|are|gets?|has been|have been|becomes?)\s+(?:fully\s+)?(?:fixed|released|resolved|merged|available|supported|stable|dropped|removed|gone|deprecated|upgraded|out|landed|shipped|done|implemented|ready|closed|enabled)`;

/** A dependency's name as written: `grep-regex`, `jemalloc`, `@babel/core`, `Node.js`. */
const DEP = String.raw`[A-Za-z@][\w.@/+-]*[\w+]`;
/** `upstream server` and the like are a proxy's or a git remote's, not a dependency. */
const UPSTREAM_NETWORKING = 'servers?|proxy|proxies|hosts?|connections?|requests?|responses?|streams?|channels?|branch(?:es)?|remotes?|timeouts?';
/** Words that name no dependency: `report it to the user`, `a workaround for this bug`. */
const NOT_A_DEPENDENCY = new Set([
  'this', 'that', 'it', 'its', 'the', 'a', 'an', 'our', 'my', 'your', 'their', 'some', 'known', 'weird', 'strange', 'odd',
  'possible', 'potential', 'same', 'user', 'users', 'caller', 'callers', 'client', 'clients', 'server', 'ui', 'log',
  'logs', 'logger', 'console', 'stderr', 'stdout', 'them', 'us', 'here', 'there', 'error', 'errors', 'parent', 'handler',
  'listener', 'any', 'real', 'actual', 'proper', 'properly', 'back', 'and', 'or', 'if', 'when', 'such',
]);

/** `an upstream fix (grep-regex)`, or undefined when the words name no dependency. */
function upstreamFix(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const clean = name.replace(/[.,;:]+$/, '');
  if (clean.toLowerCase() === 'upstream') return 'an upstream fix';
  return NOT_A_DEPENDENCY.has(clean.toLowerCase()) ? undefined : `an upstream fix (${clean})`;
}

/** Each rule: a pattern and what the comment waits on, from its match (undefined: no wait after all). First match wins. */
const WAITS: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray) => string | undefined]> = [
  [/\bnext\s+(?:semver(?:[- ]breaking)?|major|breaking)\b(?:\s+(?:version|release|change))?/i, () => 'the next major version'],
  [/\bsemver[- ](?:breaking|major)\b|\bmajor\s+(?:version|release|bump)\b|\bbreaking\s+(?:release|version)\b/i, () => 'a major version'],
  // `in a version 2`, `in v3`, `in 3.0.0`, `in Retrofit 3.0`: a release that does not exist yet (N.0, not `Java 8`).
  [/\b(?:in|for|with|until|before|at)\s+(?:a\s+|the\s+)?(?:([A-Z][\w-]*)\s+(?=v?\d+\.0\b))?(?:v(\d+)(?:\.0)*|version\s+(\d+)|(\d+)\.0(?:\.0)?)\b/i, (m) => (m[1] ? `${m[1]} ${m[2] ?? m[4]}.0` : `version ${m[2] ?? m[3] ?? m[4]}`)],
  // `once X …`, but not `only once`, `once per request`, `at once`.
  [/(?<!\b(?:only|at|than|exactly|just|called|run|runs|executed|invoked)\s+)\bonce\s+(?!per\b|more\b|again\b|and\b|or\b|a\s+(?:while|day|week)\b|every\b|only\b|in\s+a\b)(\S.*)/i, (m) => clause(m[1]!)],
  [new RegExp(String.raw`\buntil\s+(.+?\s+(?:supports?\b|lands?\b|ships?\b|${HAPPENS}).*)`, 'i'), (m) => clause(m[1]!)],
  [/\bwhen\s+((?:we|they|you)\s+(?:drop|bump|upgrade|require|move|switch|migrate|remove|stop supporting|no longer support|release|ship)\b.*)/i, (m) => clause(m[1]!)],
  [/\b(?:when|after|once)\s+((?:switching|moving|migrating|upgrading|porting)\b.*)/i, (m) => clause(m[1]!)],
  // A runtime or platform version to require: `move to typing when Python >= 3.13`.
  [/\b(?:when|once|after|until)\s+((?:python|node(?:\.?js)?|java|jdk|go|golang|rust|msrv|ruby|php|kotlin|swift|dotnet|\.net|typescript|ecmascript|es|gradle|android|ios|macos)\s*(?:>=|=>|>|==|=|is|version)?\s*v?\d+(?:\.\d+)*.*)/i, (m) => clause(m[1]!)],
  [/\bwhen\s+((?:our\s+|the\s+)?minimum\b.*)/i, (m) => clause(m[1]!)],
  [new RegExp(String.raw`\bwhen\s+(.+?\s+(?:supports?\b|${HAPPENS}).*)`, 'i'), (m) => clause(m[1]!)],
  // `remove when EP bug fixed`: a removal (or re-enabling) waits on whatever follows `when`/`after`.
  [/\b(?:remove|delete|drop|revert|re-?enable|uncomment|restore|get rid of)\b.*?\b(?:when|after)\s+(\S.*)/i, (m) => clause(m[1]!)],
  // `remove if https://…/KT-20641 provides a better solution`: an upstream issue decides.
  [/\b(?:remove|delete|drop|revert|re-?enable|uncomment|restore|get rid of)\b.*?\bif\s+((?:https?:\/\/\S+|#\d+\b|[A-Z][A-Z0-9]+-\d+\b).*)/i, (m) => clause(m[1]!)],
  [/\bafter\s+((?:https?:\/\/\S+|#\d+\b|[A-Z][A-Z0-9]+-\d+\b).*)/, (m) => clause(m[1]!)],
  [new RegExp(String.raw`\bafter\s+(.+?\s+${HAPPENS}.*)`, 'i'), (m) => clause(m[1]!)],
  [/\b(?:blocked\s+(?:on|by)|waiting\s+(?:for|on)|depends\s+on)\s+(\S.*)/i, (m) => clause(m[1]!)],
  // The fix belongs in a dependency: `works around a bug in grep-regex`, `workaround for jemalloc's bug`,
  // `report compiler bug`, `report this to libuv`, `fix this upstream`. Only when a dependency is named (or `upstream`).
  [new RegExp(String.raw`\b(?:work(?:s|ing|ed)?[- ]?arounds?|hack)\s+(?:for\s+|to\s+)?(?:an?\s+|the\s+)?(?:known\s+)?(?:bug|issue|problem|limitation|regression|defect)s?\s+(?:in|of|with)\s+(${DEP})`, 'i'), (m) => upstreamFix(m[1]!)],
  [new RegExp(String.raw`\b(?:work(?:s|ing|ed)?[- ]?arounds?)\s+(?:for\s+)?(?:an?\s+|the\s+)?(${DEP})(?:'s)?\s+(?:bug|issue|limitation|regression|defect)s?\b`, 'i'), (m) => upstreamFix(m[1]!)],
  [new RegExp(String.raw`\breport(?:ed)?\s+(?:this\s+|it\s+|the\s+)?(?:as\s+)?(?:an?\s+)?(?:(${DEP})\s+)?(?:bug|issue|regression)s?\b(?:\s+(?:to|with|against|in|on|at)\s+(${DEP}))?`, 'i'), (m) => upstreamFix(m[2] ?? m[1])],
  [new RegExp(String.raw`\b(?:report|file|raise|open|send|submit)(?:ed)?\s+(?:it\s+|this\s+|that\s+)?(?:upstream\b|to\s+(?:the\s+)?(${DEP}))`, 'i'), (m) => upstreamFix(m[1] ?? 'upstream')],
  [new RegExp(String.raw`\b(?:fix|patch|address|solve|resolve)(?:ed|es)?\s+(?:this\s+|it\s+|that\s+)?(?:(?:in|on)\s+(${DEP})\s+)?upstream\b(?!\s+(?:${UPSTREAM_NETWORKING}))|\bupstream\s+(?:bug|issue|fix|regression|defect)s?\b|\b(?:bug|issue|regression)s?\s+upstream\b`, 'i'), (m) => upstreamFix(m[1] ?? 'upstream')],
  // `not implemented yet`, `not supported yet`: a test or note of a feature nobody has built; that is a project, not
  // a sitting.
  [/\b(?:(?:is|are)\s+)?(?:not\s+(?:yet\s+)?(?:implemented|supported)(?:\s+yet)?|unimplemented|not (?:working|done) yet)\b/i, () => 'a feature nobody has built yet'],
  // `allowed (for now) for backward compatibility`: behaviour kept on purpose until a release may break it.
  [/\b(?:allow(?:ed|s)?|kept|keep(?:s|ing)?|retain(?:ed|s)?|still\s+\w+|deprecated)\b[^.;]{0,40}?\bfor\s+(?:\(?for now\)?\s+)?(?:backwards?[- ])?compat(?:ibility)?\b/i, () => 'a release that may break compatibility'],
];

/**
 * An issue in a language's, runtime's or browser's own tracker (`https://youtrack.jetbrains.com/issue/KT-20427`,
 * `crbug.com/123`, `JDK-8214761`, `github.com/golang/go/issues/…`): the note waits on that fix upstream.
 */
const UPSTREAM_TRACKER = /https?:\/\/(?:youtrack\.jetbrains\.com\/issue|bugs\.chromium\.org|crbug\.com|bugs\.openjdk\.(?:java\.net|org)|bugzilla\.[\w.]+|issuetracker\.google\.com|bugs\.python\.org|bugs\.ruby-lang\.org|bugs\.webkit\.org|github\.com\/(?:golang\/go|rust-lang\/rust|nodejs\/node|python\/cpython|microsoft\/TypeScript|dotnet\/runtime|swiftlang\/swift|apple\/swift|JetBrains\/kotlin|llvm\/llvm-project)\/(?:issues|pull))\/\S+|\b(?:KT|JDK|IDEA)-\d+\b|\bcrbug\.com\/\d+/;

/** A word every WAITS rule needs: most comments have none, and skip the rules (this runs for every TODO of a refresh). */
const MAY_WAIT = /\b(?:once|until|when|after|next|semver|major|breaking|version|v\d|blocked|waiting|depends|upstream|report(?:ed)?|implemented|unimplemented|supported|yet)\b|compat|around|\bhack\b|\d\.0\b|\bif\s+(?:https?:|#\d|[A-Z][A-Z0-9]+-\d)/i;

/** What the comment waits on, as a short phrase (`the next major version`, `cacheable-request supports async …`), or undefined. */
export function todoWaitsOn(text: string): string | undefined {
  const upstream = UPSTREAM_TRACKER.exec(text);
  if (upstream) return `an upstream issue (${upstream[0].replace(/^https?:\/\//, '').replace(/[).,;]+$/, '')})`;
  if (!MAY_WAIT.test(text)) return undefined;
  for (const [re, describe] of WAITS) {
    const m = re.exec(text);
    const waits = m ? describe(m) : undefined;
    if (waits) return waits;
  }
  return undefined;
}

/** The clause up to its sentence's end, without trailing punctuation, capped. */
function clause(text: string): string {
  const sentence = text.split(/(?<=[^.\s])\.(?:\s|$)|[;,]\s/)[0]!.replace(/[\s,:;.!)-]+$/, '').trim();
  return sentence.length > MAX_WAIT_CHARS ? `${sentence.slice(0, MAX_WAIT_CHARS - 1)}…` : sentence;
}

/** Openings of a note that muses rather than asks for a change. */
const MUSING = /^(?:maybe|perhaps|possibly|probably|consider(?:ing)?|ideally|in theory|think about|figure out (?:whether|if|how|why)|not sure|investigate|revisit|someday|eventually|might|may want|we (?:could|might|may)|could|should we|do we|is this|is it|can we|could we|what about|how about|why)\b/i;
/** Wishes with no concrete change in them. */
const WISH = /\b(?:(?:could|might|should) be (?:faster|better|improved|optimi[sz]ed|cleaner|simpler|smarter|more efficient)|do (?:this|it) better|better (?:implementation|way|approach|parser|algorithm)|optimi[sz]e (?:this|it)|more efficient(?:ly)?|speed (?:this|it) up|do less)\b/i;

/** The writer was unsure what to do: `…, maybe turn it into a smart object`, `… should be a full set, I think`. */
const HEDGE = /(?:,|;|\s-)\s*(?:maybe|perhaps|possibly|probably)\b|\b(?:I think|I guess|I suppose|not sure|unclear whether|no idea)\b/i;

/** A short note that only says "more" or "better": `more types`, `better parser`, `cleanup`. */
const TERSE_WISH = /^(?:more|better|less|fewer|faster|cleaner|nicer|proper|improve|cleanup|clean up|refactor|optimi[sz]e|rethink|redesign)\b/i;

/**
 * Worded as a design note, not a task (age aside): a question, a musing, a hedge (`maybe …`, `I think`), a wish, a
 * terse "better …" or "a vs b", or one word with no identifier in it (`endianness/alignment`). `free buffer` is
 * short but says what to do.
 */
export function isVagueWording(text: string): boolean {
  const t = text.trim();
  if (t === '') return false;
  if (/\?\s*$/.test(t) || MUSING.test(t) || WISH.test(t) || HEDGE.test(t)) return true;
  const words = t.replace(/[.!]+$/, '').split(/\s+/);
  // An identifier (`Get()`, `read_all`, `fooBar`, `a.b`) makes even a short note concrete.
  if (/[()_]|[a-z][A-Z]|\w\.\w/.test(t)) return false;
  return words.length === 1 || (words.length <= 3 && TERSE_WISH.test(t)) || (words.length <= 4 && /\bvs\.?(?:\s|$)/i.test(t));
}

/** A vague note older than VAGUE_MIN_AGE_DAYS: not a quick task. An undated note is not judged old. */
export function isOldVagueNote(text: string, ageDays: number, ageUnknown = false): boolean {
  return !ageUnknown && ageDays >= VAGUE_MIN_AGE_DAYS && isVagueWording(text);
}

const PROSE_EXTENSIONS = new Set(['md', 'markdown', 'mdown', 'mkd', 'mdx', 'rst', 'txt', 'adoc', 'asciidoc', 'org', 'textile', 'rdoc', 'pod', 'tex', 'wiki']);
const PROSE_NAMES = new Set([
  'changelog', 'changes', 'history', 'news', 'readme', 'authors', 'contributing', 'contributors', 'todo', 'notes',
  'release_notes', 'release-notes', 'releases', 'upgrading', 'migration', 'license', 'copying', 'thanks', 'faq',
]);

/** Documentation rather than code, by name: its TODO/BUG words are prose, not markers. `todo.ts` is code. */
export function isProsePath(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const dot = name.lastIndexOf('.');
  return dot > 0 ? PROSE_EXTENSIONS.has(name.slice(dot + 1)) : PROSE_NAMES.has(name);
}
