// `npm run eval:risk [-- --repo PATH | --only NAME…] [--cutoffs 180,360] [--cutoff DATE] [--window-days 180]
//                     [--history-days 180] [--k 20] [--no-build] [--json]`
//
// Does the risk ranking point at the files that break next? On real histories, with no look-ahead:
// 1. cutoffs: by default 180 and 360 days before each repository's pinned commit (bench/corpus.json, work trees made
//    by scripts/corpus.mjs; HANDS_ON_CORPUS_DIR says where), or before HEAD with --repo;
// 2. `hands-on risk --as-of CUTOFF --all-files --fixed-until CUTOFF+window` ranks every source file present at the
//    cutoff from the history before it, and lists the files behaviour-fix commits touched in the window after it.
//    The fix rule is the product's own (core/commitKind.ts), applied by the CLI: this script has no copy of it;
// 3. from that one output (same history, same candidate files), three rankings: Hands-On's risk, plain churn (commits
//    in the history window, ties by path) and Bugspots (Google's score: each fix commit weighs
//    1/(1+e^(12-12t)), t = its time scaled from the oldest fix in the window (0) to the cutoff (1));
// 4. precision@k of each, over every source file at the cutoff and, in brackets, over the files changed in the
//    history window only (the ones the test-gap list can show). Means per split (dev, heldOut) and risk ÷ churn.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { commitTime, ensureWorktree, git, readCorpus, root } from './corpus.mjs';

const DAY_MS = 86_400_000;
const byPath = (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

/** Share of the first k ranked files that are in `truth`; divided by k even when fewer are ranked (missing ones miss). */
export function precisionAtK(ranked, truth, k) {
  if (k <= 0) return 0;
  return ranked.slice(0, k).filter((file) => truth.has(file)).length / k;
}

/** Churn-only baseline: most commits first, ties by path (deterministic). */
export function rankByChurn(files) {
  return [...files].sort((a, b) => b.churn - a.churn || byPath(a, b)).map((f) => f.file);
}

/**
 * Bugspots (github.com/igrigorik/bugspots, after Google's "Bug Prediction at Google"): Σ 1/(1+e^(−12t+12)) over a
 * file's fix commits, t ∈ [0, 1] from the oldest fix in the window to the cutoff. `fixDays`: days before the cutoff.
 */
export function bugspotsScores(files) {
  const oldest = Math.max(0, ...files.flatMap((f) => f.fixDays));
  return new Map(files.map((f) => [f.file, f.fixDays.reduce((sum, days) => {
    const t = oldest > 0 ? 1 - days / oldest : 1;
    return sum + 1 / (1 + Math.exp(-12 * t + 12));
  }, 0)]));
}

export function rankByBugspots(files) {
  const score = bugspotsScores(files);
  return [...files].sort((a, b) => score.get(b.file) - score.get(a.file) || byPath(a, b)).map((f) => f.file);
}

/** The three rankings' precision over `files` (riskiest first, as the CLI printed them). */
function scoreSet(files, truth, k) {
  const byRisk = files.map((f) => f.file);
  return {
    files: files.length,
    fixedAmongThem: byRisk.filter((f) => truth.has(f)).length,
    // The best any ranking of these files could do: every fixed one first.
    ceiling: Math.min(k, byRisk.filter((f) => truth.has(f)).length) / k,
    risk: precisionAtK(byRisk, truth, k),
    churn: precisionAtK(rankByChurn(files), truth, k),
    bugspots: precisionAtK(rankByBugspots(files), truth, k),
    top: byRisk.slice(0, k),
  };
}

/**
 * Evaluates one repository at one cutoff. `cli` is the command that runs hands-on (default: the built dist/cli.js),
 * so tests can use the TypeScript source.
 */
export function evaluate({ repo, cutoff, windowDays = 180, historyDays = 180, k = 20, cli = [process.execPath, path.join(root, 'dist', 'cli.js')] }) {
  const at = cutoff ?? Number(git(repo, ['log', '-1', '--format=%ct', 'HEAD']).trim()) * 1000 - windowDays * DAY_MS;
  const [command, ...prefix] = cli;
  const args = [
    ...prefix, 'risk', '--repo', repo, '--as-of', new Date(at).toISOString(), '--history-days', String(historyDays),
    '--all-files', '--fixed-until', new Date(at + windowDays * DAY_MS).toISOString(), '--top', '1000000', '--json',
  ];
  const out = JSON.parse(execFileSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30 }));
  const truth = new Set(out.fixedAfter);
  return {
    repo: out.repo,
    cutoff: new Date(at).toISOString(),
    windowDays,
    historyDays,
    k,
    fixedFiles: truth.size,
    all: scoreSet(out.files, truth, k),
    changed: scoreSet(out.files.filter((f) => f.churn > 0), truth, k),
  };
}

function parseArgs(argv) {
  const value = (name) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const only = [];
  for (let i = 0; i < argv.length; i++) if (argv[i] === '--only' && argv[i + 1]) only.push(argv[++i]);
  const cutoff = value('--cutoff');
  return {
    repo: value('--repo') ?? process.env.HANDS_ON_EVAL_REPO,
    only,
    cutoff: cutoff === undefined ? undefined : Date.parse(cutoff),
    cutoffs: (value('--cutoffs') ?? '180,360').split(',').map(Number),
    windowDays: Number(value('--window-days') ?? 180),
    historyDays: Number(value('--history-days') ?? 180),
    k: Number(value('--k') ?? 20),
    build: !argv.includes('--no-build'),
    json: argv.includes('--json'),
  };
}

/** Each target: {name, split, dir, end (epoch ms the cutoffs count back from)}. */
function targets(args) {
  if (args.repo) {
    const dir = path.resolve(args.repo);
    return [{ name: path.basename(dir), split: 'repo', dir, end: Number(git(dir, ['log', '-1', '--format=%ct', 'HEAD']).trim()) * 1000 }];
  }
  return readCorpus(args.only).map((entry) => {
    const dir = ensureWorktree(entry);
    return { name: entry.repo, split: entry.split, dir, end: commitTime(dir, entry.commit) };
  });
}

const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

function summarise(rows, k) {
  const splits = [...new Set(rows.map((r) => r.split))];
  // With more than one split, the whole corpus too.
  return Object.fromEntries([...splits, ...(splits.length > 1 ? ['corpus'] : [])].map((split) => {
    const of = split === 'corpus' ? rows : rows.filter((r) => r.split === split);
    const m = (set, ranking) => mean(of.map((r) => r[set][ranking]));
    const sets = Object.fromEntries(['all', 'changed'].map((set) => {
      const risk = m(set, 'risk');
      const churn = m(set, 'churn');
      return [set, { risk, churn, bugspots: m(set, 'bugspots'), ceiling: m(set, 'ceiling'), riskOverChurn: churn > 0 ? risk / churn : null }];
    }));
    return [split, { cutoffs: of.length, k, ...sets }];
  }));
}

function printTable(rows, summary, args) {
  const f = (x) => x.toFixed(2);
  const both = (r, key) => `${f(r.all[key])} (${f(r.changed[key])})`;
  console.log(`P@${args.k} of the files behaviour fixes touched in the ${args.windowDays} days after each cutoff; history: ${args.historyDays} days before it.`);
  console.log('Candidates: every source file at the cutoff; in brackets, only those changed in the history window (what test gaps can list).\n');
  console.log('| repository | split | cutoff | files | fixed | risk | churn | bugspots |\n|---|---|---|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.name} | ${r.split} | ${r.cutoff.slice(0, 10)} | ${r.all.files} (${r.changed.files}) | ${r.all.fixedAmongThem} (${r.changed.fixedAmongThem}) | ${both(r, 'risk')} | ${both(r, 'churn')} | ${both(r, 'bugspots')} |`);
  }
  console.log('');
  for (const [split, s] of Object.entries(summary)) {
    const ratio = (set) => (s[set].riskOverChurn === null ? 'n/a' : `${s[set].riskOverChurn.toFixed(2)}×`);
    const best = (set) => (s[set].churn > 0 ? `${(s[set].ceiling / s[set].churn).toFixed(2)}×` : 'n/a');
    console.log(
      `mean ${split} (${s.cutoffs} cutoffs): risk ${f(s.all.risk)} (${f(s.changed.risk)}), churn ${f(s.all.churn)} (${f(s.changed.churn)}), ` +
        `bugspots ${f(s.all.bugspots)} (${f(s.changed.bugspots)}); risk/churn ${ratio('all')} (${ratio('changed')}); ` +
        `a perfect ranking would reach ${f(s.all.ceiling)} (${f(s.changed.ceiling)}) = ${best('all')} (${best('changed')}) churn`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = parseArgs(process.argv.slice(2));
  if (args.cutoff !== undefined && !Number.isFinite(args.cutoff)) {
    console.error('--cutoff must be a date like 2025-01-31');
    process.exit(2);
  }
  if (args.build) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
  const rows = [];
  for (const target of targets(args)) {
    const cutoffs = args.cutoff !== undefined ? [args.cutoff] : args.cutoffs.map((days) => target.end - days * DAY_MS);
    for (const cutoff of cutoffs) {
      const result = evaluate({ repo: target.dir, cutoff, windowDays: args.windowDays, historyDays: args.historyDays, k: args.k });
      rows.push({ ...result, name: target.name, split: target.split });
      if (!args.json) process.stderr.write(`${target.name} ${result.cutoff.slice(0, 10)}: risk ${result.all.risk.toFixed(2)}, churn ${result.all.churn.toFixed(2)}, bugspots ${result.all.bugspots.toFixed(2)}\n`);
    }
  }
  const summary = summarise(rows, args.k);
  if (args.json) console.log(JSON.stringify({ rows, summary }, null, 2));
  else printTable(rows, summary, args);
}
