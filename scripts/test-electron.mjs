#!/usr/bin/env node
// `npm run test:electron`: the same in-host integration suite as `npm test`, but in
// desktop VS Code, downloaded by @vscode/test-electron into .vscode-test/. Needs
// internet (update.code.visualstudio.com) and, on Linux without a display, xvfb-run.
// Offline, use `npm test`: it runs this suite in code-server instead.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { createTestRepo, tempDir } from './host.mjs';

const VSCODE_VERSION = '1.100.3'; // the version code-server 4.100.3 embeds, and engines.vscode's floor
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (spawnSync(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.warn('No display: run as `xvfb-run -a npm run test:electron` if VS Code fails to start.');
}

const workspace = createTestRepo();
const resultsFile = path.join(tempDir('results'), 'integration.json');
let passed = 0;
let failed = 0;
try {
  await runTests({
    version: VSCODE_VERSION,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'dist', 'test', 'integration'),
    extensionTestsEnv: { HANDS_ON_TEST_RESULTS: resultsFile },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
} catch (err) {
  const msg = String(err?.message ?? err);
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|socket hang up|Failed to get JSON|download/i.test(msg)) {
    console.error(`\nCould not download VS Code ${VSCODE_VERSION} (${msg.split('\n')[0]}).\n` +
      'test:electron needs internet access to update.code.visualstudio.com. ' +
      'Offline, `npm test` runs the same suite in code-server, installed from the npm registry.');
  } else {
    console.error(`\nIntegration run failed: ${msg}`);
  }
  failed = 1;
} finally {
  if (fs.existsSync(resultsFile)) {
    const res = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
    passed = res.passes;
    failed = Math.max(failed, res.failures);
  }
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.rmSync(path.dirname(resultsFile), { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
