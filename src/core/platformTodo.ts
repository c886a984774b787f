/**
 * Is a TODO about one platform? Then it needs that platform to work on (`#[cfg(not(windows))] // TODO make this work
 * on Windows`, `if runtime.GOOS == "windows" { // TODO`, `@DisabledOnOs(WINDOWS) // TODO`, `#ifdef _WIN32 // TODO`),
 * like a conditional skip: shown as waiting for such a machine, not offered. Pure.
 *
 * A TODO is about platform P when:
 * - its file is built for P alone, by name (`env_windows.cc`, Go's `fs_darwin.go`, React Native's `Button.ios.js`);
 * - its text names P and a platform condition naming P (either way: `not(windows)` too) is on its line, on the code
 *   line that opens its block, or in the few code lines after its comment;
 * - or its text names no platform and a condition on its own line names P (`@DisabledOnOs(WINDOWS) // TODO`: what
 *   is left to do is on P), or the code it sits in or describes runs on P alone: a positive condition on the line
 *   opening its block or on the first code line after its comment. `#[cfg(not(windows))]` code below a comment runs
 *   on any usual developer machine, so that TODO is only about Windows when it says so.
 * Generic Unix conditions (`cfg(unix)`, `#ifdef __unix__`) name no platform: every usual developer machine is one.
 */

export type Platform = 'Windows' | 'macOS' | 'Linux' | 'BSD' | 'Android' | 'iOS';

/** What a TODO about the platform waits on, as the tooltip says it. */
const MACHINE: Readonly<Record<Platform, string>> = {
  Windows: 'a Windows machine',
  macOS: 'a macOS machine',
  Linux: 'a Linux machine',
  BSD: 'a BSD machine',
  Android: 'an Android device or emulator',
  iOS: 'an iOS device or simulator',
};

/** How far below its comment a condition may be when the TODO names the platform (a multi-line `#[cfg(all(…))]`). */
const NEAR_LINES = 10;

/** Platform words in prose (the TODO's text). */
const IN_TEXT: ReadonlyArray<readonly [Platform, RegExp]> = [
  ['Windows', /\b(?:windows|win32|win64)\b/i],
  ['macOS', /\b(?:mac ?os(?: ?x)?|os ?x|darwin|mac)\b/i],
  ['Linux', /\blinux\b/i],
  ['BSD', /\b(?:free|open|net)?bsd\b/i],
  ['Android', /\bandroid\b/i],
  ['iOS', /\bios\b/i],
];

/** Platform names in a condition's code: identifiers and constants too (`isWindows`, `OS.MAC`, `__APPLE__`). */
const IN_CODE: ReadonlyArray<readonly [Platform, RegExp]> = [
  ['Windows', /windows|win32|win64|_msc_ver|mingw|cygwin|['"]nt['"]/i],
  ['macOS', /macos|darwin|__apple__|__mach__|osx|(?:^|[^a-z])mac(?![a-z])|\bis_?(?:os_?)?mac|\bapple\b/i],
  ['Linux', /linux/i],
  ['BSD', /bsd|dragonfly/i],
  ['Android', /android/i],
  ['iOS', /(?:^|[^a-z])ios(?![a-z])|iphone/i],
];

/** Preprocessor macros that name a platform; any other `#if` (an include guard, a feature flag) names none. */
const PLATFORM_MACRO = /\b(?:_WIN32|_WIN64|WIN32|_MSC_VER|__MINGW32__|__MINGW64__|__CYGWIN__|__APPLE__|__MACH__|TARGET_OS_\w+|__linux__|__linux|__FreeBSD__|__OpenBSD__|__NetBSD__|__DragonFly__|__ANDROID__)\b|\bos\s*\(\s*\w+\s*\)/;

/**
 * Code that tests the platform, per language: Rust `cfg`, Go `runtime.GOOS` and build tags, the preprocessor,
 * JUnit's `@DisabledOnOs`/`@EnabledOnOs`, Python `sys.platform`/`os.name`/`platform.system()`, Node
 * `process.platform`, Ruby `RUBY_PLATFORM`/`Gem.win_platform?`, PHP `PHP_OS`, .NET `OperatingSystem.IsX()`, CMake
 * `if(WIN32)`, and `isWindows`-style flags.
 */
const CONDITION = /\bcfg!?\s*\(|\btarget_os\b|\bruntime\.GOOS\b|^\s*\/\/\s*(?:go:build|\+build)\b|^\s*#\s*(?:if|ifdef|ifndef|elif)\b|@(?:Disabled|Enabled)OnOs\b|\bsys\.platform\b|\bos\.name\b|\bplatform\.system\s*\(|\bprocess\.platform\b|\bos\.platform\s*\(|\bRUBY_PLATFORM\b|\bwin_platform\?|\bhost_os\b|\bPHP_OS(?:_FAMILY)?\b|\bOperatingSystem\.Is\w+|\bIsOSPlatform\b|\bOSPlatform\.\w+|\b(?:is|IS_(?:OS_)?|on|ON_)(?:Windows|WINDOWS|Win|WIN|Mac|MAC|MacOS|MACOS|Linux|LINUX|Darwin|DARWIN|Android|ANDROID|IOS|iOS)\b|\bif\s*\(\s*(?:NOT\s+)?(?:WIN32|APPLE|MSVC|MINGW|CYGWIN|CMAKE_SYSTEM_NAME)\b/;
/** The condition excludes the platform rather than selects it. */
const NEGATION = /\bnot\s*\(|!=|!\s*(?:cfg!|defined\b|\(|[\w.]*(?:is|IS_)\w*)|#\s*ifndef\b|@DisabledOnOs\b|\bunless\b|\bNOT\b/;

/** A file built for one platform alone, by the name's last part: `env_windows`, `fs_darwin_test`, `Button.ios`. */
const PLATFORM_FILE = /(?:^|[_.-])(windows|win32|darwin|macos|osx|linux|freebsd|openbsd|netbsd|android|ios)(?:_(?:amd64|386|arm64|arm|mips\w*|ppc64\w*|riscv64|s390x|wasm|test))*$/i;

/** A line that holds only a comment (`//`, `#`, `/*`, `*`, `--`, `;`, `<!--`); `#[…]`, `#if` and `#!` are code. */
function isCommentOnly(line: string): boolean {
  const t = line.trim();
  if (t === '') return false;
  if (/^#\s*(?:\[|!|(?:if|ifdef|ifndef|elif|else|endif|define|undef|include|import|pragma|error|warning|line)\b)/.test(t)) return false;
  return /^(?:\/\/|\/\*|\*|#|--|;|<!--)/.test(t);
}

/** The platforms a line's code tests, and whether it excludes them, or undefined when it tests none. */
export function platformCondition(code: string): { platforms: Platform[]; negative: boolean } | undefined {
  if (!CONDITION.test(code)) return undefined;
  const directive = /^\s*#\s*(?:if|ifdef|ifndef|elif)\b/.test(code);
  if (directive && !PLATFORM_MACRO.test(code)) return undefined;
  const platforms = IN_CODE.filter(([, re]) => re.test(code)).map(([p]) => p);
  return platforms.length ? { platforms, negative: NEGATION.test(code) } : undefined;
}

/** The platforms a TODO's text names. */
export function platformsInText(text: string): Platform[] {
  return IN_TEXT.filter(([, re]) => re.test(text)).map(([p]) => p);
}

/** The platform a file is built for alone, by its name, or undefined. */
export function platformOfFile(path: string): Platform | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  const m = PLATFORM_FILE.exec(dot > 0 ? name.slice(0, dot) : name);
  if (!m) return undefined;
  return platformsInText(m[1]!.replace(/^win32$/i, 'windows').replace(/^osx$/i, 'macos'))[0];
}

export interface TodoSite {
  /** Repository-relative path. */
  readonly path: string;
  /** The TODO's text (after the tag). */
  readonly text: string;
  /** Lines of the file around the TODO (or just its line), and the TODO's index in them. */
  readonly lines: readonly string[];
  readonly index: number;
}

/** What a TODO about one platform waits on (`a Windows machine`), or undefined when it is not about one. */
export function platformWait(site: TodoSite): string | undefined {
  const own = platformOfFile(site.path);
  if (own) return MACHINE[own];
  const named = platformsInText(site.text);
  const { lines, index } = site;
  const todoLine = lines[index] ?? '';
  // The code before the comment on the TODO's own line (`#[cfg(not(windows))] // TODO …`).
  const tag = todoLine.search(/\b(?:TODO|FIXME|BUG|HACK)\b/);
  const before = tag < 0 ? '' : todoLine.slice(0, tag).replace(/(?:\/\/+|#+|\/\*+|\*|--|;+|<!--)\s*$/, '');
  let first = index;
  while (first > 0 && isCommentOnly(lines[first - 1]!)) first--;
  let last = index;
  while (last + 1 < lines.length && isCommentOnly(lines[last + 1]!)) last++;
  const opener = first > 0 ? lines[first - 1]! : '';
  // On the TODO's own line even an exclusion speaks for it: `@DisabledOnOs(WINDOWS) // TODO` is about Windows.
  const candidates: Array<{ code: string; close: boolean; own?: boolean }> = [{ code: before, close: true, own: true }];
  // The line above opens the TODO's block (`if runtime.GOOS == "windows" {`, `#ifdef _WIN32`) or is an attribute.
  if (/[{:]\s*$|^\s*#\s*(?:if|ifdef|ifndef|elif)\b|^\s*#\[|^\s*@\w+OnOs\b/.test(opener)) candidates.push({ code: opener, close: true });
  // The code after the comment, a statement at a time: a multi-line `#[cfg(all(\n not(windows),\n …))]` is one.
  let statements = 0;
  for (let i = last + 1; i < lines.length && i <= last + NEAR_LINES && statements < (named.length ? NEAR_LINES : 1); i++) {
    if (lines[i]!.trim() === '' || isCommentOnly(lines[i]!)) continue;
    let code = lines[i]!;
    while (depth(code) > 0 && i + 1 < lines.length && i < last + NEAR_LINES) code += ` ${lines[++i]!.trim()}`;
    candidates.push({ code, close: statements === 0 });
    statements++;
  }
  for (const { code, close, own } of candidates) {
    const condition = platformCondition(code);
    if (!condition) continue;
    const both = named.find((p) => condition.platforms.includes(p));
    if (both) return MACHINE[both];
    if (close && named.length === 0 && (own || !condition.negative)) return MACHINE[condition.platforms[0]!];
  }
  return undefined;
}

/** Open round and square brackets left on a line. */
function depth(code: string): number {
  let open = 0;
  for (const ch of code) {
    if (ch === '(' || ch === '[') open++;
    else if (ch === ')' || ch === ']') open--;
  }
  return open;
}
