// `npm run eval:risk -- --repo PATH [--cutoff DATE] [--window-days 180] [--k 20] [--no-build]`
//
// Does the test-gap risk ranking point at the files that break next? On a real repository's history:
// 1. cutoff: default 180 days before the repository's last commit;
// 2. rank files with `hands-on risk --as-of CUTOFF` (history up to the cutoff only);
// 3. truth: the files touched by bug-fix commits (the same FIX_SUBJECT rule, read from the risk output) in the
//    `window-days` after the cutoff;
// 4. precision@k of the risk ranking, beside a churn-only baseline (commit count, ties by path) and the base rate
//    (the chance that a random ranked file is in the truth set).
// It needs a real, long history: nothing is generated here. No repository on this machine has one (the
// workspace's own repository is weeks old), so --repo (or HANDS_ON_EVAL_REPO) is required.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DAY_MS = 86_400_000;

/** Share of the first k ranked files that are in `truth`; divided by k even when fewer are ranked (missing ones miss). */
export function precisionAtK(ranked, truth, k) {
  if (k <= 0) return 0;
  return ranked.slice(0, k).filter((file) => truth.has(file)).length / k;
}

/** Churn-only baseline: most commits first, ties by path (deterministic). */
export function rankByChurn(files) {
  return [...files].sort((a, b) => b.churn - a.churn || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)).map((f) => f.file);
}

function git(repo, args) {
  return execFileSync('git', ['-c', 'core.quotePath=false', ...args], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 30 });
}

/** Files touched by commits whose subject matches `fixSubject`, committed in (from, to]. */
export function fixedFilesBetween(repo, from, to, fixSubject) {
  const rule = new RegExp(fixSubject, 'i');
  const out = git(repo, ['log', '--no-merges', `--since=${new Date(from).toISOString()}`, `--until=${new Date(to).toISOString()}`, '--format=%x00%ct%x09%s', '--name-only', 'HEAD', '--']);
  const files = new Set();
  let fix = false;
  for (const line of out.split('\n')) {
    if (line.startsWith('\0')) {
      const [t, ...subject] = line.slice(1).split('\t');
      // --since/--until are inclusive of git's own date slop; keep the interval exact.
      fix = Number(t) * 1000 > from && Number(t) * 1000 <= to && rule.test(subject.join('\t'));
    } else if (line && fix) files.add(line);
  }
  return files;
}

/**
 * Runs the whole evaluation. `cli` is the command that runs hands-on (default: the built dist/cli.js), so tests
 * can use the TypeScript source.
 */
export function evaluate({ repo, cutoff, windowDays = 180, k = 20, cli = [process.execPath, path.join(root, 'dist', 'cli.js')] }) {
  const last = Number(git(repo, ['log', '-1', '--format=%ct', 'HEAD']).trim()) * 1000;
  const at = cutoff ?? last - windowDays * DAY_MS;
  const [command, ...prefix] = cli;
  const risk = JSON.parse(execFileSync(command, [...prefix, 'risk', '--repo', repo, '--as-of', new Date(at).toISOString(), '--top', '1000000', '--json'], { encoding: 'utf8', maxBuffer: 1 << 30 }));
  const truth = fixedFilesBetween(repo, at, at + windowDays * DAY_MS, risk.fixSubject);
  const byRisk = risk.files.map((f) => f.file);
  const byChurn = rankByChurn(risk.files);
  const rankedInTruth = byRisk.filter((f) => truth.has(f)).length;
  return {
    repo: risk.repo,
    cutoff: new Date(at).toISOString(),
    windowDays,
    k,
    rankedFiles: byRisk.length,
    fixedFiles: truth.size,
    risk: { precision: precisionAtK(byRisk, truth, k), top: byRisk.slice(0, k) },
    churn: { precision: precisionAtK(byChurn, truth, k), top: byChurn.slice(0, k) },
    baseRate: byRisk.length ? rankedInTruth / byRisk.length : 0,
  };
}

function parseArgs(argv) {
  const value = (name) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const cutoff = value('--cutoff');
  return {
    repo: value('--repo') ?? process.env.HANDS_ON_EVAL_REPO,
    cutoff: cutoff === undefined ? undefined : Date.parse(cutoff),
    windowDays: Number(value('--window-days') ?? 180),
    k: Number(value('--k') ?? 20),
    build: !argv.includes('--no-build'),
    json: argv.includes('--json'),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = parseArgs(process.argv.slice(2));
  if (!args.repo) {
    console.error(
      'eval:risk needs a real repository with a long history (years, with bug-fix commits), and none exists on this\n' +
        'machine. Pass one: npm run eval:risk -- --repo /path/to/clone  (or set HANDS_ON_EVAL_REPO).\n' +
        'A full clone is needed: in a shallow one the history before the cutoff is missing.',
    );
    process.exit(2);
  }
  if (args.cutoff !== undefined && !Number.isFinite(args.cutoff)) {
    console.error('--cutoff must be a date like 2025-01-31');
    process.exit(2);
  }
  if (args.build) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
  const result = evaluate({ repo: path.resolve(args.repo), cutoff: args.cutoff, windowDays: args.windowDays, k: args.k });
  if (args.json) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    const pct = (x) => `${(x * 100).toFixed(1)}%`;
    console.log(`${result.repo}: cutoff ${result.cutoff.slice(0, 10)}, ${result.rankedFiles} files ranked, ${result.fixedFiles} files fixed in the next ${result.windowDays} days\n`);
    console.log(`| ranking | precision@${result.k} |\n|---|---:|`);
    console.log(`| risk (hands-on risk) | ${pct(result.risk.precision)} |`);
    console.log(`| churn only | ${pct(result.churn.precision)} |`);
    console.log(`| random (base rate) | ${pct(result.baseRate)} |`);
  }
}
