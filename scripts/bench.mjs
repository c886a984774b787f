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
  githubRefreshRequests: '≤ 3',
  githubRefreshRateCost: '0',
  githubFirstRefreshRequests: '—',
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

/** A GitHub refresh where nothing changed, against the recorded-answer fake on 127.0.0.1: counted, not timed. */
function githubFigures() {
  const out = path.join(tempDir('bench'), 'github.json');
  run(process.execPath, ['--import', 'tsx', 'bench/githubRefresh.bench.ts', out]);
  return JSON.parse(fs.readFileSync(out, 'utf8'));
}

/** Starts the real host a few times with the production bundle and takes the median. */
async function activationFigure() {
  const suite = path.join(root, 'dist', 'bench', 'activation.js');
  await esbuild.build({ entryPoints: [path.join(root, 'bench', 'activation.host.ts')], outfile: suite, bundle: true, platform: 'node', format: 'cjs', external: ['vscode'], logLevel: 'warning' });
  const samples = [];
  for (let i = 0; i < ACTIVATION_RUNS; i++) {
    const workspace = createTestRepo();
    const out = path.join(tempDir('bench'), 'activation.json');
    const server = await startCodeServer({ workspace, extensionDevelopmentPath: root, env: { HANDS_ON_BENCH_OUT: out } });
    try {
      const workbench = await openWorkbench({
        port: server.port,
        folder: workspace,
        payload: { extensionDevelopmentPath: root, extensionTestsPath: path.dirname(suite) + '/activation.js' },
      });
      const code = await Promise.race([workbench.exitCode, new Promise((resolve) => setTimeout(() => resolve('timeout'), 120_000))]);
      await workbench.close();
      if (code !== 0) throw new Error(`activation bench run exited with ${code}`);
      samples.push(JSON.parse(fs.readFileSync(out, 'utf8')).activationMs);
    } finally {
      await server.stop();
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  }
  samples.sort((a, b) => a - b);
  return { activationMs: round(samples[Math.floor(samples.length / 2)]), activationSamplesMs: samples.map(round) };
}

const round = (n) => Math.round(n * 100) / 100;

const figures = { ...coreFigures(), ...sizeFigures(), ...localSuggestFigures(), ...githubFigures(), ...(await activationFigure()) };
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
