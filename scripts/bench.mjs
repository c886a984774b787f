// `npm run bench`: measures the figures the issues set targets for, prints a table and writes
// bench/results.json. Benchmarks are never part of `npm test`: timing on a shared machine is noisy.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { createTestRepo, openWorkbench, startCodeServer, tempDir } from './host.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = path.join(root, 'bench', 'results.json');
const ACTIVATION_RUNS = 3;

const targets = {
  activationMs: '≤ 20',
  trackerNsPerEvent: '≤ 200',
  yearSummaryMs: '≤ 50',
  yearSummaryHeapMB: '≤ 20',
  bundleKB: '≤ 350',
  vsixKB: '—',
  localSuggestMs: '—',
  localSuggestVsGitLog: '≤ 1.5',
  localSuggestPeakMB: '≤ 150',
  warmRefreshMs: '≤ 100',
  warmRefreshFullCheckMs: '—',
  localSuggestDatedShare: '—',
  driftMs: '—',
  driftGitLogMs: '—',
  driftVsGitLog: '≤ 1.5',
  driftCommits: '—',
  driftGitLogCommits: '—',
  driftLastTouchRows: '—',
  githubRefreshRequests: '≤ 3',
  githubRefreshRateCost: '0',
  githubFirstRefreshRequests: '—',
  dashboardFirstPaintMs: '≤ 300',
  dashboardScriptToPaintMs: '—',
  webviewBaselineFirstPaintMs: '—',
};

function run(command, args) {
  execFileSync(command, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

function coreFigures() {
  const out = path.join(tempDir('bench'), 'core.json');
  run(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/core.bench.ts', out]);
  return JSON.parse(fs.readFileSync(out, 'utf8'));
}

function sizeFigures() {
  run(process.execPath, ['esbuild.mjs', '--production']);
  const bundleKB = fs.statSync(path.join(root, 'dist', 'extension.js')).size / 1024;
  const vsix = path.join(tempDir('vsix'), 'hands-on.vsix');
  run(path.join(root, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '--out', vsix]);
  return { bundleKB: round(bundleKB), vsixKB: round(fs.statSync(vsix).size / 1024) };
}

/**
 * `hands-on suggest` on a generated 100,000-commit repository (bench/genRepo.mjs, cached under bench/.cache/).
 * Uses the production dist/cli.js that sizeFigures just built.
 */
function localSuggestFigures() {
  const out = path.join(tempDir('bench'), 'localSuggest.json');
  run(process.execPath, ['--import', 'tsx', 'bench/localSuggest.bench.ts', out, '--cli', path.join(root, 'dist', 'cli.js')]);
  return JSON.parse(fs.readFileSync(out, 'utf8'));
}

/**
 * Drift and "What Changed" in-process on a generated 100,000-commit team repository whose user last committed
 * 10,000 commits ago (bench/genRepo.mjs with `team`, cached under bench/.cache/), against `git log --name-only`.
 */
function driftFigures() {
  const out = path.join(tempDir('bench'), 'drift.json');
  run(process.execPath, ['--import', 'tsx', 'bench/drift.bench.ts', out]);
  return JSON.parse(fs.readFileSync(out, 'utf8'));
}

/** A GitHub refresh where nothing changed, against the recorded-answer fake on 127.0.0.1: counted, not timed. */
function githubFigures() {
  const out = path.join(tempDir('bench'), 'github.json');
  run(process.execPath, ['--import', 'tsx', 'bench/githubRefresh.bench.ts', out]);
  return JSON.parse(fs.readFileSync(out, 'utf8'));
}

/**
 * Runs `bench/<name>.host.ts` as the extension tests of a fresh code-server on a fresh test repository and returns the
 * JSON it wrote to HANDS_ON_BENCH_OUT. `prepare(userDataDir)` may put data in place before the host starts.
 */
async function hostRun(name, prepare = () => {}) {
  const suite = path.join(root, 'dist', 'bench', `${name}.js`);
  await esbuild.build({ entryPoints: [path.join(root, 'bench', `${name}.host.ts`)], outfile: suite, bundle: true, platform: 'node', format: 'cjs', external: ['vscode'], logLevel: 'warning' });
  const workspace = createTestRepo();
  const userDataDir = tempDir('user');
  const out = path.join(tempDir('bench'), `${name}.json`);
  prepare(userDataDir);
  const server = await startCodeServer({ workspace, userDataDir, extensionDevelopmentPath: root, env: { HANDS_ON_BENCH_OUT: out } });
  try {
    const workbench = await openWorkbench({
      port: server.port,
      folder: workspace,
      payload: { extensionDevelopmentPath: root, extensionTestsPath: suite },
    });
    const code = await Promise.race([workbench.exitCode, new Promise((resolve) => setTimeout(() => resolve('timeout'), 120_000))]);
    await workbench.close();
    if (code !== 0) throw new Error(`${name} bench run exited with ${code}`);
    return JSON.parse(fs.readFileSync(out, 'utf8'));
  } finally {
    await server.stop();
    for (const dir of [workspace, userDataDir]) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts the real host a few times with the production bundle and takes the median. */
async function activationFigure() {
  const samples = [];
  for (let i = 0; i < ACTIVATION_RUNS; i++) samples.push((await hostRun('activation')).activationMs);
  samples.sort((a, b) => a - b);
  return { activationMs: round(samples[Math.floor(samples.length / 2)]), activationSamplesMs: samples.map(round) };
}

/**
 * "Show Dashboard" on a year of stored activity (bench/activityFixture.ts, written into the extension's storage before
 * the host starts): from the command's start to the webview's first paint, module load included on the first open;
 * and the part of it from the start of the webview's script (the rest is VS Code starting the webview).
 * Medians of the opens bench/dashboard.host.ts makes, each in a fresh panel.
 * In the same host, alternating with those, a trivial webview timed the same way (webviewBaselineFirstPaintMs): what
 * any extension's webview pays in this host before its own work, so readers can tell the host's part from ours.
 */
async function dashboardFigure() {
  const { samples, scriptSamples, baselineSamples } = await hostRun('dashboard', (userDataDir) =>
    run(process.execPath, ['--import', 'tsx', 'bench/activityFixture.ts', path.join(userDataDir, 'User', 'globalStorage', 'hands-on.hands-on')]));
  const median = (xs) => round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);
  return {
    dashboardFirstPaintMs: median(samples),
    dashboardScriptToPaintMs: median(scriptSamples),
    webviewBaselineFirstPaintMs: median(baselineSamples),
    dashboardFirstPaintSamplesMs: samples.map(round),
    webviewBaselineFirstPaintSamplesMs: baselineSamples.map(round),
  };
}

const round = (n) => Math.round(n * 100) / 100;

const figures = { ...coreFigures(), ...sizeFigures(), ...localSuggestFigures(), ...driftFigures(), ...githubFigures(), ...(await activationFigure()), ...(await dashboardFigure()) };
// Leave a development build behind, as `npm run build` would.
run(process.execPath, ['esbuild.mjs']);
const results = { ...figures, measuredAt: new Date().toISOString(), machine: `${process.platform} ${process.arch}, node ${process.version}, ${os.cpus().length} cores` };
fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
fs.writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);

console.log('\n| key | value | target |\n|---|---:|---|');
for (const [key, value] of Object.entries(figures)) {
  if (!Array.isArray(value)) console.log(`| ${key} | ${value} | ${targets[key] ?? ''} |`);
}
console.log(`\nwritten to ${path.relative(root, resultsFile)}`);
process.exit(0);
