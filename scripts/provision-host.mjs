#!/usr/bin/env node
// Provisions the offline test host: code-server 4.100.3 (= VS Code 1.100.3) from
// the npm registry plus Debian's chromium. See docs/test-host.md for why we do
// not download VS Code itself. Idempotent: a marker file makes re-runs instant.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
const RIPGREP_VERSION = '1.15.11'; // the @vscode/ripgrep that code-server 4.100.3 pins
const RIPGREP_ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
const APT_PACKAGES = [
  // native modules of code-server (node-pty, kerberos, native-keymap, keytar)
  'build-essential', 'pkg-config', 'python3', 'libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev',
  'ripgrep', // its rg stands in for the GitHub download of @vscode/ripgrep
  'chromium', // the browser Playwright drives
  'git', // the extension and the test workspaces need it
  // real coverage tools for the unit tests of the coverage parsers (Cobertura from Python, JaCoCo from Java)
  'python3-coverage', 'libjacoco-java', 'openjdk-17-jdk-headless',
];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const hostDir = path.join(root, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
const marker = path.join(hostDir, '.provisioned');
const codeServerBin = path.join(hostDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const chromiumPath = '/usr/bin/chromium';

const log = (msg) => console.log(`[provision] ${msg}`);

function isInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

/** Installs missing Debian packages (root or password-less sudo), else throws with the exact command. */
export function ensureAptPackages() {
  const missing = APT_PACKAGES.filter((p) => !isInstalled(p));
  if (missing.length === 0) return;
  const cmd = ['apt-get', 'install', '-y', '--no-install-recommends', ...missing];
  // Root runs apt directly; otherwise only password-less sudo (never prompt in CI).
  let prefix = [];
  if (process.getuid?.() !== 0) {
    if (spawnSync('sudo', ['-n', 'true']).status !== 0) {
      throw new Error(`Missing Debian packages. Run:\n  sudo apt-get update && sudo ${cmd.join(' ')}`);
    }
    prefix = ['sudo', '-n'];
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => execFileSync(args[0], args.slice(1), { stdio: 'inherit', env });
  run([...prefix, 'apt-get', 'update']);
  run([...prefix, ...cmd]);
}

// @vscode/ripgrep's postinstall downloads from GitHub unless this cached archive exists.
function ensureRipgrepCache(tmpdir) {
  const dir = path.join(tmpdir, `vscode-ripgrep-cache-${RIPGREP_VERSION}`);
  const archive = path.join(dir, RIPGREP_ARCHIVE);
  if (fs.existsSync(archive)) return;
  const stage = fs.mkdtempSync(path.join(tmpdir, 'rg-stage-'));
  fs.copyFileSync('/usr/bin/rg', path.join(stage, 'rg'));
  fs.chmodSync(path.join(stage, 'rg'), 0o755);
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-czf', archive, '-C', stage, 'rg']);
  fs.rmSync(stage, { recursive: true, force: true });
  log(`built ${archive}`);
}

function installCodeServer() {
  const tmpdir = os.tmpdir();
  ensureRipgrepCache(tmpdir);
  fs.mkdirSync(hostDir, { recursive: true });
  // Its own package.json keeps code-server out of the project's dependencies.
  fs.writeFileSync(
    path.join(hostDir, 'package.json'),
    JSON.stringify({ name: 'hands-on-test-host', private: true, dependencies: { 'code-server': CODE_SERVER_VERSION } }, null, 2) + '\n',
  );
  const env = {
    ...process.env,
    TMPDIR: tmpdir, // where the ripgrep postinstall looks for its cache
    npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`, which would prompt
    npm_config_unsafe_perm: 'true', // code-server's postinstall.sh demands it as root
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
  };
  // npm 11 blocks dependency install scripts by default; code-server needs them all
  // (native builds). npm 10 does not know the flag, so only pass it to npm >= 11.
  const npmMajor = Number(execFileSync('npm', ['--version'], { encoding: 'utf8' }).split('.')[0]);
  const args = ['install', '--no-package-lock', '--omit=dev'];
  if (npmMajor >= 11) args.push('--dangerously-allow-all-scripts');
  log(`npm ${args.join(' ')} (code-server@${CODE_SERVER_VERSION}, takes about a minute)`);
  const r = spawnSync('npm', args, { cwd: hostDir, env, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm install of code-server failed (exit ${r.status})`);
  if (!fs.existsSync(codeServerBin)) throw new Error(`code-server entry point missing: ${codeServerBin}`);
}

export function provisionHost() {
  if (fs.existsSync(marker) && fs.existsSync(codeServerBin) && fs.existsSync(chromiumPath)) {
    return { codeServerBin, chromiumPath };
  }
  const t0 = Date.now();
  ensureAptPackages();
  installCodeServer();
  fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
  log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { codeServerBin, chromiumPath };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(provisionHost());
  } catch (err) {
    console.error(`[provision] ${err.message}`);
    process.exit(1);
  }
}
