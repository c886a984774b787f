#!/usr/bin/env node
// `npm test`: typecheck, unit tests, then the integration suite inside a real VS Code
// (code-server) and the UI tests that drive its workbench with Playwright.
//   --unit-only         typecheck + unit tests
//   --integration-only  build + in-host suites (trusted, then Restricted Mode) + UI tests
//   --ui-only           build + UI tests
//   --untrusted-only    build + the Restricted Mode suite alone
//   --host-only         build + the trusted in-host suite alone
// The last line is always `N passed, M failed`, summed over all stages; a stage that
// crashes counts as one failure. Set HANDS_ON_VERBOSE=1 for the server's own log.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const flags = new Set(process.argv.slice(2));
const only = ['unit', 'integration', 'ui', 'untrusted', 'host'].find((stage) => flags.has(`--${stage}-only`)) ?? null;
const verbose = process.env.HANDS_ON_VERBOSE === '1';
const INTEGRATION_TIMEOUT_MS = 240_000;
// Workbench start-up chatter that says nothing about the tests.
const CHATTER = /Creation of workbench contribution|connection token|Creating a socket|Service Worker|builtin extensions cache|ChatSessionStore/;

const stages = [];
let stageStart = Date.now();
const record = (name, passed, failed, note = '') => stages.push({ name, passed, failed, note, secs: (Date.now() - stageStart) / 1000 });
const header = (title) => console.log(`\n━━━ ${title} ━━━`);
const node = (args, opts = {}) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', ...opts });
const mochaBin = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');

/** Files under dir (recursively) whose name ends with suffix. */
function findFiles(dir, suffix) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .map((e) => path.join(e.parentPath ?? e.path, e.name));
}

/** Runs mocha in a child process with the counting reporter; returns {passes, failures} or throws. */
function runMocha(name, args) {
  const countsFile = path.join(fs.mkdtempSync(path.join(root, '.vscode-test', 'mocha-')), 'counts.json');
  const r = node([mochaBin, '--reporter', path.join(root, 'scripts', 'mocha-count-reporter.cjs'), ...args], {
    env: { ...process.env, HANDS_ON_MOCHA_COUNTS: countsFile },
  });
  const counts = fs.existsSync(countsFile) ? JSON.parse(fs.readFileSync(countsFile, 'utf8')) : null;
  fs.rmSync(path.dirname(countsFile), { recursive: true, force: true });
  if (!counts) return record(name, 0, 1, `mocha crashed (exit ${r.status ?? r.signal})`);
  // A non-zero exit without failing tests means mocha itself broke (e.g. a file that fails to load).
  const crashed = r.status !== 0 && counts.failures === 0;
  record(name, counts.passes, counts.failures + (crashed ? 1 : 0), crashed ? `mocha exited ${r.status}` : '');
}

function typecheck() {
  header('Typecheck (tsc --noEmit)');
  const r = node([path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', root]);
  record('typecheck', r.status === 0 ? 1 : 0, r.status === 0 ? 0 : 1);
}

function unit() {
  header('Unit tests');
  const files = findFiles(path.join(root, 'test', 'unit'), '.test.ts');
  // Mocha fails with "No test files found" on an empty spec; zero tests is not a failure here.
  if (files.length === 0) return record('unit', 0, 0, 'no unit test files');
  fs.mkdirSync(path.join(root, '.vscode-test'), { recursive: true });
  runMocha('unit', []); // .mocharc.json supplies the spec glob and the tsx loader
}

function build() {
  header('Build (node esbuild.mjs)');
  return node([path.join(root, 'esbuild.mjs')]).status === 0;
}

/**
 * Runs one in-host suite bundle (dist/test/<suite>) in a fresh code-server on `workspace` and
 * records its counts under `name`. `server` is passed on to startCodeServer (env, trust, settings);
 * `drive(page)`, if given, runs alongside the suite to do what only a person can (click a button).
 */
async function inHostStage(name, suite, workspace, { server = {}, drive } = {}) {
  const { startCodeServer, openWorkbench, tempDir } = await import('./host.mjs');
  const resultsFile = path.join(tempDir('results'), `${name}.json`);
  const cs = await startCodeServer({
    workspace,
    extensionDevelopmentPath: root,
    ...server,
    env: { ...server.env, HANDS_ON_TEST_RESULTS: resultsFile }, // the extension host inherits the server's env
    onLog: (l) => verbose && console.log(`  [server] ${l}`),
  });
  let wb;
  try {
    wb = await openWorkbench({
      port: cs.port,
      folder: workspace,
      payload: { extensionDevelopmentPath: root, extensionTestsPath: path.join(root, 'dist', 'test', suite) },
      // The spec reporter's output arrives here, along with the workbench's console.
      onLog: (l) => (verbose || !CHATTER.test(l)) && console.log(`  ${l}`),
    });
    const timeout = new Promise((r) => setTimeout(() => r('timeout'), INTEGRATION_TIMEOUT_MS).unref());
    // A drive still waiting when the page closes (the suite failed first) is not news.
    drive?.(wb.page).catch((err) => wb.page.isClosed() || console.log(`  ${name}: driving the page failed: ${err.message.split('\n')[0]}`));
    const code = await Promise.race([wb.exitCode, timeout]);
    if (!fs.existsSync(resultsFile)) {
      if (!verbose) console.log(cs.output.map((l) => `  [server] ${l}`).join('\n'));
      return record(name, 0, 1, code === 'timeout' ? `no result after ${INTEGRATION_TIMEOUT_MS / 1000} s` : `run() never finished (exit ${code})`);
    }
    const res = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
    for (const t of res.tests.filter((t) => t.state === 'failed')) console.log(`  ✘ ${t.title}: ${t.error?.split('\n')[0]}`);
    const crashed = code !== 0 && res.failures === 0;
    record(name, res.passes, res.failures + (crashed ? 1 : 0), crashed ? `host exit code ${code}` : '');
  } finally {
    await wb?.close();
    await cs.stop();
    fs.rmSync(path.dirname(resultsFile), { recursive: true, force: true });
  }
}

/**
 * What a person does during the in-host tests, which the extension API cannot do:
 * - Pick Up a Bug (test/integration/github.test.ts): click "Open Draft PR" on the end-of-timer notification of that bug;
 * - nudges (test/integration/nudge.test.ts): screenshot the first nudge and click its action; snooze the second for a week.
 * Other notifications are left alone.
 */
async function answerPrompts(page) {
  const answers = [
    { where: '.notification-toast', text: /Time is up for "Crash on save"/, button: 'Open Draft PR' },
  ];
  let nudgesAnswered = 0;
  while (!page.isClosed()) {
    for (const { where, text, button } of answers) {
      const box = page.locator(where).filter({ hasText: text }).first();
      if (await box.isVisible().catch(() => false)) {
        await box.locator('.monaco-button, a.monaco-text-button', { hasText: button }).first().click().catch(() => undefined);
      }
    }
    const nudge = page.locator('.notification-toast').filter({ hasText: /You last coded \d+ days ago/ }).first();
    if (await nudge.isVisible().catch(() => false)) {
      const buttons = nudge.locator('.monaco-button, a.monaco-text-button');
      if (nudgesAnswered === 0) {
        await page.waitForTimeout(800).catch(() => undefined); // the toast fades in
        await page.screenshot({ path: path.join(root, 'test-results', 'screenshots', 'nudge.png') }).catch(() => undefined);
        await buttons.first().click().catch(() => undefined);
      } else {
        await buttons.filter({ hasText: 'Snooze…' }).first().click().catch(() => undefined);
        const week = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Snooze for 1 Week' }).first();
        await week.click({ timeout: 5_000 }).catch(() => undefined);
      }
      await nudge.waitFor({ state: 'hidden', timeout: 5_000 }).then(() => nudgesAnswered++).catch(() => undefined);
    }
    await page.waitForTimeout(250).catch(() => undefined);
  }
}

async function integration() {
  header('Integration tests (in code-server = VS Code 1.100.3)');
  const { createTestRepo } = await import('./host.mjs');
  const workspace = createTestRepo();
  try {
    await inHostStage('integration', 'integration', workspace, { drive: answerPrompts });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

/** Fault "Untrusted workspace: spawn no git": the same extension, trust on, a repo that bites. */
async function untrusted() {
  header('Restricted Mode tests (workspace trust on, hostile repo)');
  const { createUntrustedRepo, grantTrustWhenAsked } = await import('./untrusted-repo.mjs');
  const trap = createUntrustedRepo();
  try {
    await inHostStage('untrusted', 'integration-untrusted', trap.repo, {
      drive: grantTrustWhenAsked,
      server: {
        disableWorkspaceTrust: false,
        env: trap.env,
        settings: {
          // The default 'once' asks in a modal, which the workbench refuses to show while
          // extension tests run (it logs an error); 'never' just opens the folder restricted.
          'security.workspace.trust.startupPrompt': 'never',
          'security.workspace.trust.enabled': true,
          // Out of reach, so typing alone never makes a hands-on day; any such day came from git.
          'handsOn.dailyGoalMinutes': 1440,
        },
      },
    });
  } finally {
    trap.cleanup();
  }
}

function ui() {
  header('UI tests (Playwright against the workbench)');
  const files = findFiles(path.join(root, 'test', 'ui'), '.test.mjs');
  if (files.length === 0) return record('ui', 0, 0, 'no UI test files');
  // --no-config: .mocharc.json is for the TypeScript unit tests.
  runMocha('ui', ['--no-config', '--ui', 'bdd', '--timeout', '180000', ...files]);
}

/** Runs a stage; an exception counts as one failure instead of stopping the run. */
async function guard(name, fn) {
  stageStart = Date.now();
  try {
    await fn();
  } catch (err) {
    console.error(`\n${name} crashed: ${err?.stack ?? err}`);
    record(name, 0, 1, 'crashed');
  }
}

const t0 = Date.now();
// Debian packages first: unit tests use real coverage tools, the host needs its build tools.
await guard('packages', async () => {
  const { ensureAptPackages } = await import('./provision-host.mjs');
  ensureAptPackages();
});
if (!only || only === 'unit') {
  await guard('typecheck', typecheck);
  await guard('unit', unit);
}
if (only !== 'unit') {
  let ready = false;
  await guard('build', () => { ready = build(); if (!ready) throw new Error('node esbuild.mjs failed'); });
  if (ready) {
    await guard('provision', async () => {
      header('Test host (code-server)');
      const { provisionHost } = await import('./provision-host.mjs');
      provisionHost();
    });
    ready = !stages.some((s) => s.name === 'provision');
  }
  if (ready) {
    if (!only || only === 'integration' || only === 'host') await guard('integration', integration);
    if (!only || only === 'integration' || only === 'untrusted') await guard('untrusted', untrusted);
    if (only !== 'untrusted' && only !== 'host') await guard('ui', ui);
  }
}

header('Summary');
for (const s of stages) console.log(`  ${s.name.padEnd(12)} ${s.passed} passed, ${s.failed} failed  ${s.secs.toFixed(1)} s${s.note ? `  (${s.note})` : ''}`);
console.log(`  took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const passed = stages.reduce((n, s) => n + s.passed, 0);
const failed = stages.reduce((n, s) => n + s.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
