import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { branchNameFor, DEFAULT_BRANCH_TEMPLATE, isValidBranchName, sanitizeBranchName, slugify } from '../../../src/core/branchName';
import { seededRandom } from '../helpers/seededRandom';

/** Real git is the judge: our rules are a re-implementation, and a wrong one fails only at checkout time. */
class RefFormatJudge {
  private readonly dir = mkdtempSync(path.join(os.tmpdir(), 'hands-on-refs-'));
  accepts(name: string): boolean {
    // Outside any repository, with no user config: only the name rules apply.
    const result = spawnSync('git', ['check-ref-format', '--branch', name], {
      cwd: this.dir,
      env: { PATH: process.env.PATH, HOME: this.dir, GIT_CONFIG_NOSYSTEM: '1', GIT_CEILING_DIRECTORIES: path.dirname(this.dir) },
      encoding: 'utf8',
    });
    if (result.error) throw result.error;
    return result.status === 0;
  }
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}


/** Pieces of real-world hostile titles. */
const PIECES = [
  'Crash', 'on', 'save', '[Bug]', '(regression)', 'fix:', '`parseInvoice()`', '**bold**', '<script>alert(1)</script>', '# heading',
  '../../etc/passwd', '..', '.lock', 'a.lock', '@{-1}', '@{upstream}', '@', 'HEAD', '~1', '^{}', 'x:y', 'what?', '*glob*', '[abc]',
  'C:\\path\\file', '//double', 'trail/', '-leading', '--force', ' ', '\t', '\n', '\r\n', '\x00', '\x07', '\x1b[31m', '\x7f',
  '🐛', '🔥🔥', '👩🏽‍💻', '\u200d', '\ufe0f', 'שלום עולם', 'مرحبا', '\u202eevil\u202c', '日本語のタイトル', 'Ünïcödé', 'Straße', 'Œuvre',
  'ﬁnal', 'Ｆｕｌｌｗｉｄｔｈ', 'x'.repeat(80), 'supercalifragilisticexpialidocious', '123', '0', '$HOME', '${slug}', '%2e%2e', '\\',
];
const TEMPLATES = [
  DEFAULT_BRANCH_TEMPLATE, '${slug}', '${number}', 'fix/${repo}/${number}-${slug}', 'users/me/${slug}.lock', '-${slug}.',
  '../${number}..${slug}//x', '@{${number}}', '${unknown}', '', 'HEAD', '@', '/${slug}/', '.hidden/${slug}', 'a b~c^d:e?f*g[h\\i',
  'é/${slug}', '${repo}', 'x.lock/${number}',
];

describe('branchName: branch names from issues', () => {
  describe('slugify', () => {
    it('lower-case ASCII words joined by "-"', () => {
      assert.equal(slugify('Crash on save when the invoice is empty'), 'crash-on-save-when-the-invoice-is-empty');
      assert.equal(slugify('  TypeError: x.map is not a function!  '), 'typeerror-x-map-is-not-a-function');
    });

    it('strips diacritics and spells out letters that have no decomposition', () => {
      assert.equal(slugify('Crème brûlée ñandú'), 'creme-brulee-nandu');
      assert.equal(slugify('Straße Œuvre Ørsted Łódź'), 'strasse-oeuvre-orsted-lodz');
      assert.equal(slugify('ﬁnal Ｆｕｌｌ'), 'final-full');
    });

    it('drops issue-form tags, emoji, markup and scripts it cannot spell', () => {
      assert.equal(slugify('[Bug]: 🐛 `parseInvoice()` returns **NaN**'), 'parseinvoice-returns-nan');
      assert.equal(slugify('(regression) [ui] Header overlaps'), 'header-overlaps');
      assert.equal(slugify('[Bug]'), 'bug', 'a title that is only a tag keeps it');
      assert.equal(slugify('שלום Login fails مرحبا'), 'login-fails');
    });

    it('falls back to "issue" when nothing is left', () => {
      for (const title of ['', '   ', '🔥🔥', '日本語のタイトル', 'مرحبا', '\x00\x07', '---']) assert.equal(slugify(title), 'issue', JSON.stringify(title));
    });

    it('is at most 40 characters, cut at a word boundary', () => {
      const slug = slugify('Crash when saving an invoice with an empty customer name field');
      assert.equal(slug, 'crash-when-saving-an-invoice-with-an');
      assert.ok(slug.length <= 40);
      assert.equal(slugify('x'.repeat(80)), 'x'.repeat(40), 'one giant word is cut inside');
      assert.equal(slugify(`short ${'y'.repeat(60)}`), 'short');
    });
  });

  describe('branchNameFor', () => {
    const issue = { number: 482, title: 'Crash on save', repo: 'acme/billing-api' };

    it('fills the default template', () => {
      assert.equal(branchNameFor(DEFAULT_BRANCH_TEMPLATE, issue), 'hands-on/482-crash-on-save');
    });

    it('fills ${repo} with the name part and drops unknown placeholders', () => {
      assert.equal(branchNameFor('${repo}/${number}', issue), 'billing-api/482');
      assert.equal(branchNameFor('${repo}/${number}', { number: 3, title: 'x', repo: 'plain' }), 'plain/3');
      assert.equal(branchNameFor('${user}/${number}-${slug}', issue), '482-crash-on-save');
      assert.equal(branchNameFor('${repo}-${number}', { number: 5, title: 'x' }), '5', 'no repo: the separator left dangling goes too');
    });

    it('repairs what a template makes invalid', () => {
      assert.equal(branchNameFor('fix..${number}.lock', issue), 'fix.482');
      assert.equal(branchNameFor('-/${slug}/', issue), 'crash-on-save');
      assert.equal(branchNameFor('my fix: ${number}?', issue), 'my-fix-482-');
      assert.equal(branchNameFor('x@{${number}}', issue), 'x-{482}');
      assert.equal(branchNameFor('.hidden//${number}', issue), 'hidden/482');
    });

    it('falls back to the default template when nothing usable is left', () => {
      for (const template of ['', '${nothing}', 'HEAD', '@', '...', '/']) {
        assert.equal(branchNameFor(template, issue), 'hands-on/482-crash-on-save', JSON.stringify(template));
      }
    });

    it('the sanitiser leaves valid names alone', () => {
      for (const name of ['main', 'hands-on/12-x', 'users/josé/fix', 'a.b/c-d_e', 'x{y}', 'v1.2.3']) assert.equal(sanitizeBranchName(name), name);
    });
  });

  describe('against real git check-ref-format --branch', function () {
    this.timeout(60_000);
    let git: RefFormatJudge;
    before(() => { git = new RefFormatJudge(); });
    after(() => git.dispose());

    it('isValidBranchName agrees with git, except where it is deliberately stricter', () => {
      // '@' and 'x.LOCK' pass git's check but break later (see isValidBranchName).
      const stricter = new Set(['@', 'x.LOCK', 'a/b.Lock']);
      const samples = [
        ...stricter, 'main', 'a/b', 'é/ü', 'x{y}', 'a@b', '$x', 'v1.0', 'a-', 'a_b', 'HEAD', '-a', 'a.lock', 'a/.b', 'a..b', 'a@{b', 'a/',
        'a//b', 'a.', '.a', 'a b', 'a.lock/b', '@{-1}', 'a~1', 'a^', 'a:b', 'a?', 'a*', 'a[b', 'a\\b', 'a\x7f', 'a\tb', '/a', '', 'a/b.lock.lock',
      ];
      for (const name of samples) {
        const expected = stricter.has(name) ? false : git.accepts(name);
        assert.equal(isValidBranchName(name), expected, JSON.stringify(name));
      }
    });

    it('every generated name is accepted by git (300 hostile titles × templates)', () => {
      const next = seededRandom(20240314);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
      const checked = new Set<string>();
      for (let i = 0; i < 300; i++) {
        const words = Array.from({ length: 1 + Math.floor(next() * 12) }, () => pick(PIECES));
        const title = words.join(next() < 0.7 ? ' ' : '');
        const template = i < TEMPLATES.length ? TEMPLATES[i]! : pick(TEMPLATES);
        const number = pick([1, 7, 482, 99999, 0]);
        const name = branchNameFor(template, { number, title, repo: pick(['acme/api', 'o/my.repo', 'x/.dot', undefined, 'x/a.lock']) });
        assert.ok(isValidBranchName(name), `${JSON.stringify(name)} from ${JSON.stringify(template)} / ${JSON.stringify(title)}`);
        if (checked.has(name)) continue;
        checked.add(name);
        assert.ok(git.accepts(name), `git refused ${JSON.stringify(name)} from ${JSON.stringify(template)} / ${JSON.stringify(title)}`);
        assert.ok(!name.includes('..') && !name.includes('@{') && !/[\x00-\x1f\x7f ~^:?*[\\]/.test(name));
      }
      assert.ok(checked.size > 100, `enough distinct names were judged (${checked.size})`);
    });
  });
});
