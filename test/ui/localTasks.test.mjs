// What a leader sees on a repository with no account: test tasks backed by evidence, a skipped test with its
// reason, and what is not offered now parked in its own group; nothing from vendored code. A real workbench.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestRepo, openWorkbench, startCodeServer } from '../../scripts/host.mjs';
import { ACTIVITY_ICON, SIDEBAR } from './workbench.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = path.join(root, 'test-results', 'screenshots');

/** A function of real size: enough logic and branches to be worth a test. */
function func(name, exported = true) {
  const body = Array.from({ length: 8 }, (_, i) => `  if (input.kind === 'k${i}') {\n    total += input.amount * ${i + 1};\n  }`).join('\n');
  return `${exported ? 'export ' : ''}function ${name}(input) {\n  let total = 0;\n${body}\n  return total;\n}\n`;
}

/** A repository with one of each kind of local task, committed over a few days. */
function realisticRepo() {
  const dir = createTestRepo();
  const write = (file, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  const commit = (message, daysAgo) => {
    const when = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
    execFileSync('git', ['add', '-A'], { cwd: dir });
    execFileSync('git', ['commit', '-q', '-m', message], { cwd: dir, env: { ...process.env, GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when } });
  };
  write('src/billing.js', `${func('invoiceTotal')}\n${func('creditTotal')}`);
  write('src/cart.js', `${func('cartTotal')}\n${func('applyCoupon')}`);
  write('test/cart.test.js', "import { cartTotal } from '../src/cart.js';\n\nit('totals the cart', () => cartTotal({ kind: 'k1', amount: 2 }));\n\n// Waits for the payment sandbox to come back.\nit.skip('refunds a cart', () => {});\n");
  write('src/legacy.js', "// TODO: remove this shim in the next major version\nexport const shim = 1;\n");
  write('vendor/leftpad.js', '// TODO: support unicode\nmodule.exports = (s) => s;\n');
  commit('Billing, cart and tests', 6);
  write('src/billing.js', `${func('invoiceTotal')}\n${func('creditTotal')}\n// rounded to cents\n`);
  commit('fix: round credits to cents', 3);
  return dir;
}

describe('local Suggested Tasks on a realistic repository', function () {
  let server, workbench, page, workspace;
  const log = [];

  before(async function () {
    fs.mkdirSync(shots, { recursive: true });
    workspace = realisticRepo();
    server = await startCodeServer({ workspace, extensionDevelopmentPath: root, onLog: (l) => log.push(l) });
    workbench = await openWorkbench({ port: server.port, folder: workspace, payload: { extensionDevelopmentPath: root }, onLog: (l) => log.push(l) });
    page = workbench.page;
    await page.waitForSelector('.part.statusbar', { timeout: 60_000 });
  });

  afterEach(async function () {
    if (this.currentTest.state === 'failed') {
      await page?.screenshot({ path: path.join(shots, `local-${this.currentTest.title.replace(/\W+/g, '-')}.png`) });
      console.log(log.filter((l) => /error|fail|hands-on/i.test(l)).slice(-30).join('\n'));
    }
  });

  after(async function () {
    await workbench?.close();
    await server?.stop();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  const rows = () => page.locator(`${SIDEBAR} .monaco-list-row`);
  const row = (text) => rows().filter({ hasText: text }).first();

  it('groups test gaps, skipped tests and TODOs, parks what waits, and shows nothing from vendored code', async function () {
    await page.locator(ACTIVITY_ICON).click();
    await row('Add tests for src/billing.js').waitFor({ state: 'visible', timeout: 90_000 });
    await row('Add a test for applyCoupon').waitFor({ state: 'visible', timeout: 15_000 });
    await row('refunds a cart').waitFor({ state: 'visible', timeout: 15_000 });
    const parked = row('Waiting or Parked');
    await parked.waitFor({ state: 'visible', timeout: 15_000 });
    // Collapsed until asked for: what waits is not offered.
    assert.equal(await rows().filter({ hasText: 'remove this shim' }).count(), 0, 'the waiting TODO shows before its group is opened');
    await parked.click();
    await row('remove this shim').waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await rows().filter({ hasText: 'support unicode' }).count(), 0, 'a TODO of vendored code is listed');
    // A group row reads its label then its count ("Test Gaps3"): the label element alone names it.
    const groups = await page.locator(`${SIDEBAR} .monaco-list-row[aria-level="1"] .label-name`).allInnerTexts();
    assert.deepEqual(groups.map((g) => g.trim()), ['Test Gaps', 'Skipped Tests', 'TODOs', 'Waiting or Parked'], groups.join(' | '));
    await page.screenshot({ path: path.join(shots, 'suggested-tasks-local.png') });
  });

  it('hovering a test gap shows the evidence looked for, and a function gap what was searched', async function () {
    await row('Add tests for src/billing.js').hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: /Why it is suggested/ }).first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    // The hover lays text out with non-breaking spaces.
    const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /No test found: none named for it, none imports it/);
    assert.match(text, /of them a fix: [0-9a-f]{7} fix: round credits to cents/);
    await page.screenshot({ path: path.join(shots, 'suggested-tasks-local-tooltip.png') });
    await page.mouse.move(900, 600);
    await row('Add a test for applyCoupon').hover();
    const fnHover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'src/cart.js' }).first();
    await fnHover.waitFor({ state: 'visible', timeout: 15_000 });
    const fnText = (await fnHover.innerText()).replace(/\u00a0/g, ' ');
    assert.match(fnText, /No test file names applyCoupon/);
    assert.match(fnText, /Nothing else in the repository calls it/);
    assert.match(fnText, /Its file has tests: test\/cart\.test\.js/);
    await page.screenshot({ path: path.join(shots, 'suggested-tasks-local-function.png') });
  });
});
