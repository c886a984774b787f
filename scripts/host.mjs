// Drives code-server (a real VS Code 1.100.3) and a headless Debian chromium.
// Used by the integration runner, the UI tests and `npm start`. See docs/test-host.md.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { provisionHost } from './provision-host.mjs';

// Log lines that are expected offline and mean nothing (extension gallery, signing module).
const NOISE = [/ENOTFOUND open-vsx\.org/, /vsda/, /open-vsx\.org/];
export const isNoise = (line) => NOISE.some((re) => re.test(line));

// Settings that keep the first-run UI out of the way, so screenshots show the extension.
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.autofetch': false,
  'git.openRepositoryInParentFolders': 'never',
  'window.commandCenter': false,
  'chat.commandCenter.enabled': false,
};

// Everything we started, so that exit paths and signals can always clean up.
const live = new Set();
function killGroup(child, signal) {
  try { process.kill(-child.pid, signal); } catch { /* already gone */ }
}
process.on('exit', () => {
  for (const r of live) if (r.child) killGroup(r.child, 'SIGKILL');
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, async () => {
    await Promise.allSettled([...live].map((r) => r.stop()));
    process.exit(sig === 'SIGINT' ? 130 : 143);
  });
}

/** A fresh temp dir under os.tmpdir(). */
export const tempDir = (prefix) => fs.mkdtempSync(path.join(os.tmpdir(), `hands-on-${prefix}-`));

/**
 * Starts code-server. Resolves once it prints "HTTP server listening".
 * `env` is added to the server's environment; its extension host inherits it.
 */
export async function startCodeServer({
  workspace,
  extensionDevelopmentPath, // used only to build the URL; code-server takes it via the `payload` parameter
  userDataDir,
  extensionsDir,
  disableWorkspaceTrust = true,
  port = 0, // 0 lets the OS pick a free port; code-server prints the real one
  env = {},
  settings = {},
  onLog = () => {},
  timeoutMs = 60_000,
} = {}) {
  const { codeServerBin } = provisionHost();
  // Temp dirs we make ourselves are removed again by stop().
  const ownDirs = [];
  if (!userDataDir) ownDirs.push((userDataDir = tempDir('user')));
  if (!extensionsDir) ownDirs.push((extensionsDir = tempDir('ext')));
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2));
  // Its own config file and data home, so nothing is written to ~/.config or ~/.local/share.
  const configFile = path.join(userDataDir, 'code-server.yaml');
  fs.writeFileSync(configFile, 'auth: none\n');
  const args = [
    codeServerBin, '--config', configFile, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--ignore-last-opened',
  ];
  if (disableWorkspaceTrust) args.push('--disable-workspace-trust');
  // detached: own process group, so stop() also ends the extension host, pty host and watchers.
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, XDG_DATA_HOME: path.join(userDataDir, 'xdg-data'), ...env },
  });
  const output = [];
  const resource = { child, stop: () => stop() };
  live.add(resource);

  let exited = false;
  const exitPromise = new Promise((resolve) => child.once('exit', (code, signal) => { exited = true; live.delete(resource); resolve(code ?? signal); }));
  const removeOwnDirs = () => { for (const d of ownDirs) fs.rmSync(d, { recursive: true, force: true }); };
  async function stop() {
    if (!exited) {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
      await exitPromise;
      clearTimeout(timer);
    }
    killGroup(child, 'SIGKILL'); // stragglers in the group (e.g. a slow extension host)
    removeOwnDirs();
  }

  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start in ${timeoutMs} ms:\n${output.join('\n')}`)), timeoutMs);
    const onData = (buf) => {
      for (const line of buf.toString().split('\n').filter(Boolean)) {
        output.push(line);
        if (output.length > 5000) output.splice(0, 1000); // npm start runs for hours; keep the tail
        if (!isNoise(line)) onLog(line);
        const m = /HTTP server listening on (http:\/\/\S+?)\/?$/.exec(line);
        if (m) { clearTimeout(timer); resolve(m[1]); }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exitPromise.then((code) => { clearTimeout(timer); reject(new Error(`code-server exited (${code}):\n${output.join('\n')}`)); });
  }).catch(async (err) => { await stop(); throw err; });

  const actualPort = Number(new URL(url).port);
  return { url, port: actualPort, output, userDataDir, extensionsDir, workspace, extensionDevelopmentPath, stop, exited: exitPromise };
}

// Payload keys whose values are paths on the server; the workbench wants them as vscode-remote URIs.
const PATH_KEYS = new Set(['extensionDevelopmentPath', 'extensionTestsPath']);

/** The workbench URL with `?folder=` and the `payload` parameter VS Code's own browser tests use. */
export function workbenchUrl({ port, folder, payload = {} }) {
  const authority = `127.0.0.1:${port}`;
  const pairs = Object.entries({ skipWelcome: 'true', ...payload }).map(([k, v]) =>
    [k, PATH_KEYS.has(k) ? `vscode-remote://${authority}${path.resolve(v)}` : String(v)]);
  const q = new URLSearchParams();
  if (folder) q.set('folder', path.resolve(folder));
  q.set('payload', JSON.stringify(pairs));
  return `http://${authority}/?${q}`;
}

/**
 * Opens the workbench in headless chromium. `exitCode` settles when the workbench calls
 * codeAutomationExit (after extensionTestsPath's run() settles). `onLog` gets the
 * extension host's console, minus known noise.
 */
export async function openWorkbench({ port, folder, payload, onLog = () => {}, viewport = { width: 1400, height: 900 } }) {
  const { chromiumPath } = provisionHost();
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const resource = { stop: () => browser.close().catch(() => {}) };
  live.add(resource);
  browser.on('disconnected', () => live.delete(resource));
  const page = await browser.newPage({ viewport });
  let resolveExit;
  const exitCode = new Promise((r) => { resolveExit = r; });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // args are console.log arguments from the extension host: a format string first.
    const text = format(...(Array.isArray(args) ? args : [args]));
    if (!isNoise(text)) onLog(`[${type}] ${text}`);
  });
  page.on('pageerror', (err) => { if (!isNoise(String(err))) onLog(`[pageerror] ${err}`); });
  const url = workbenchUrl({ port, folder, payload });
  await page.goto(url);
  return { browser, page, url, exitCode, close: () => resource.stop() };
}

/**
 * A fresh git repo with a little history by a known author, so the extension has
 * commits to read. Config is repo-local: CI machines often have no global git identity.
 */
export function createTestRepo({ email = 'dev@hands-on.test', name = 'Hands-On Test' } = {}) {
  const dir = tempDir('repo');
  const git = (args, env = {}) => execFileSync('git', args, { cwd: dir, env: { ...process.env, ...env }, stdio: 'pipe' });
  git(['init', '-q', '-b', 'main']);
  git(['config', 'user.email', email]);
  git(['config', 'user.name', name]);
  git(['config', 'commit.gpgsign', 'false']);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString();
  fs.writeFileSync(path.join(dir, 'README.md'), '# Sample\n');
  git(['add', '.']);
  git(['commit', '-q', '-m', 'Initial commit'], { GIT_AUTHOR_DATE: yesterday, GIT_COMMITTER_DATE: yesterday });
  // Big enough to be worth a test (15 lines of logic and more), and no test names it: a true test gap.
  fs.writeFileSync(path.join(dir, 'index.js'), [
    '// TODO: handle empty input',
    'export function parseAmounts(text) {',
    '  const totals = { credit: 0, debit: 0, skipped: 0 };',
    '  for (const line of text.split("\\n")) {',
    '    const trimmed = line.trim();',
    '    if (!trimmed || trimmed.startsWith("#")) {',
    '      totals.skipped += 1;',
    '      continue;',
    '    }',
    '    const [kind, raw] = trimmed.split(",");',
    '    const amount = Number(raw);',
    '    if (!Number.isFinite(amount)) {',
    '      throw new Error(`bad amount: ${raw}`);',
    '    }',
    '    if (kind === "credit") {',
    '      totals.credit += amount;',
    '    } else if (kind === "debit") {',
    '      totals.debit += amount;',
    '    } else {',
    '      totals.skipped += 1;',
    '    }',
    '  }',
    '  return totals;',
    '}',
    '',
  ].join('\n'));
  git(['add', '.']);
  git(['commit', '-q', '-m', 'Add add()']);
  return dir;
}
