/**
 * The branch a picked-up bug is worked on: `handsOn.branchTemplate` filled in from the issue.
 *
 * Issue titles come from strangers and templates from settings, so the result is sanitised until it
 * passes `git check-ref-format --branch` (the unit tests check that against real git): a bad name would
 * make branch creation fail after the user has already been assigned. Pure string logic.
 */

export const DEFAULT_BRANCH_TEMPLATE = 'hands-on/${number}-${slug}';

export interface BranchIssue {
  readonly number: number;
  readonly title: string;
  /** `owner/name` or just `name`; `${repo}` takes the name part. */
  readonly repo?: string;
}

/** Long enough to recognise the issue in `git branch`, short enough for terminals and PR pages. */
const MAX_SLUG_LENGTH = 40;

/** Letters NFKD does not split into ASCII plus a mark. */
const LATIN_EXTRAS: Readonly<Record<string, string>> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i', ħ: 'h',
};

/** "[Bug]: Crash on save" → "crash-on-save": lower-case ASCII words joined by '-', at most ~40 characters. */
export function slugify(title: string): string {
  // Issue forms prefix titles with "[Bug]" or "(bug):"; they would eat the slug's length budget.
  const untagged = title.replace(/^\s*(?:[[(][^\])]{0,20}[\])]\s*:?\s*)+/, '');
  const words = (untagged.trim() ? untagged : title)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\x00-\x7f]/g, (ch) => LATIN_EXTRAS[ch] ?? ' ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > MAX_SLUG_LENGTH) {
      // One giant word (a hash, a URL) is cut inside; otherwise stop at the last whole word.
      if (!slug) slug = word.slice(0, MAX_SLUG_LENGTH);
      break;
    }
    slug = next;
  }
  return slug || 'issue';
}

/**
 * Fills `${number}`, `${slug}` and `${repo}` into the template, drops unknown `${…}` placeholders, and
 * repairs whatever the template or the values make invalid. Falls back to the default template when
 * nothing usable is left.
 */
export function branchNameFor(template: string, issue: BranchIssue): string {
  const values: Record<string, string> = {
    number: Number.isSafeInteger(issue.number) && issue.number >= 0 ? String(issue.number) : '0',
    slug: slugify(issue.title),
    repo: (issue.repo ?? '').split('/').pop() ?? '',
  };
  const filled = template.replace(/\$\{(\w*)\}/g, (_, key: string) => values[key] ?? '');
  const name = sanitizeBranchName(filled);
  if (isValidBranchName(name)) return name;
  return sanitizeBranchName(DEFAULT_BRANCH_TEMPLATE.replace(/\$\{(\w+)\}/g, (_, key: string) => values[key]!));
}

/** Characters git refuses anywhere in a ref name: controls, space, ~ ^ : ? * [ \ and DEL. */
const FORBIDDEN_CHARS = /[\x00-\x20\x7f~^:?*[\\]+/g;

/** Best-effort repair of a would-be branch name; may return '' when nothing is left. */
export function sanitizeBranchName(raw: string): string {
  let name = raw.replace(FORBIDDEN_CHARS, '-');
  // Each repair can expose another ("-/x" → "/x", "a.lock.lock"), so repeat until nothing changes.
  for (let before = ''; before !== name;) {
    before = name;
    name = name
      .replace(/@\{/g, '-{')
      .replace(/\.\.+/g, '.')
      .split('/')
      .map((part) => part.replace(/^\.+/, '').replace(/\.lock$/i, '').replace(/\.+$/, ''))
      .filter(Boolean)
      .join('/')
      .replace(/^-+/, '');
  }
  return name === '@' || name === 'HEAD' ? '' : name;
}

/**
 * True when git accepts `name` as a new branch name (`git check-ref-format --branch` rules), and it is not
 * `@` or `HEAD`, which git's parser reads as something else.
 */
export function isValidBranchName(name: string): boolean {
  if (!name || name === '@' || name === 'HEAD') return false;
  if (name.startsWith('-') || name.startsWith('/') || name.endsWith('/') || name.endsWith('.')) return false;
  if (name.includes('..') || name.includes('@{') || name.includes('//')) return false;
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) return false;
  // git only refuses a lower-case `.lock`; `x.LOCK` would still collide with the lock file of `x` on the
  // case-insensitive file systems of macOS and Windows, so refuse any case.
  return name.split('/').every((c) => !c.startsWith('.') && !c.toLowerCase().endsWith('.lock'));
}
