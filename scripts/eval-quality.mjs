// `npm run eval:quality -- [--only a,b] [--no-build] [--json] [--check] [--show] [--unlabeled]`
//
// Would a leader start on the top 10 Suggested Tasks of real repositories nobody of us wrote? For each repository
// of bench/corpus.json, at its pinned commit:
// 1. run the built CLI as a user would: `hands-on suggest --repo WT --now <commit date> --budget 30 --json`, timed,
//    and once more a year later (`--now` + 365 days) to count the tasks an idle repository still gets;
// 2. judge each of the top 10: a hand-checked label (bench/quality-labels.json) when there is one, else the automatic
//    checks of scripts/quality-checks.mjs (vendored or generated code, wrong "no test file" claims, untestable files,
//    cosmetic fixes, conditional or commented-out skips, duplicates, TODOs waiting on a release);
// 3. print per repository and as means (dev, heldOut, all): tasks, tasks when idle a year, the clean top-10 share,
//    labels, agreement of the automatic checks with the labels, "no test file" claims right, time.
// The figures go to bench/quality-results.json when the whole corpus ran (not with --only).
// --show prints each top 10 with its verdicts, for reading; --unlabeled prints label stubs for the unlabeled ones;
// --check exits 1 when the issue's targets are missed.
// Work trees come from scripts/corpus.mjs (HANDS_ON_CORPUS_DIR); no code of the corpus is ever run, only git reads it.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { commitTime, ensureWorktree, readCorpus, root } from './corpus.mjs';
import { AUTO_DEFECTS, LABEL_ONLY_DEFECTS, claimsNoTest, classify, relativePath, repoContext, untestedFunctionName } from './quality-checks.mjs';

const DAY_MS = 86_400_000;
export const TOP = 10;
export const labelsFile = path.join(root, 'bench', 'quality-labels.json');
export const resultsFile = path.join(root, 'bench', 'quality-results.json');
export const TARGETS = { meanClean: 0.9, minClean: 0.8, minTasks: 10, noTestClaimsRight: 0.9 };
const DEFAULT_CLI = [process.execPath, path.join(root, 'dist', 'cli.js')];

// ---------------------------------------------------------------------------------------------------------------
// Labels

/**
 * The labels of bench/quality-labels.json: `{repo, kind, path, line, title, verdict, defect?, note}`. Entries whose
 * verdict is not "good" or "bad" (a pasted stub not yet filled in) are pending, not labels. Throws on a malformed one.
 */
export function readLabels(file = labelsFile) {
  if (!fs.existsSync(file)) return { labels: [], pending: 0 };
  const { labels = [] } = JSON.parse(fs.readFileSync(file, 'utf8'));
  const defects = new Set([...AUTO_DEFECTS, ...LABEL_ONLY_DEFECTS]);
  const done = [];
  let pending = 0;
  for (const label of labels) {
    if (label.verdict !== 'good' && label.verdict !== 'bad') { pending++; continue; }
    const where = `${label.repo} ${label.kind} ${label.path}:${label.line}`;
    if (!label.repo || !label.kind || !label.path) throw new Error(`label without repo, kind or path: ${JSON.stringify(label)}`);
    if (path.isAbsolute(label.path)) throw new Error(`label ${where}: path must be relative to the repository`);
    if (label.verdict === 'bad' && !defects.has(label.defect)) throw new Error(`label ${where}: a bad verdict needs a defect, one of ${[...defects].join(', ')}`);
    if (label.verdict === 'good' && label.defect) throw new Error(`label ${where}: a good verdict has no defect`);
    done.push(label);
  }
  return { labels: done, pending };
}

/**
 * The label of a task: same repository, kind and path, and the same line, or the same title within ±3 lines (the
 * title may be reworded, or the line moved a little, while the other holds; the same title far away is another
 * task). A file-level test gap is one per file, so its path is enough; a function-level one (`signals.untestedFunction`)
 * is matched by its function (the label's `function` field), never by a label for the whole file or another function;
 * a regression test's label stays its own.
 */
export function labelFor(labels, repo, task, rel) {
  const line = task.location?.line ?? 0;
  const fn = untestedFunctionName(task);
  const candidates = labels.filter((l) => l.repo === repo && l.kind === task.kind && l.path === rel && l.function === fn);
  return candidates.find((l) => l.line === line && l.title === task.title)
    ?? candidates.find((l) => l.line === line)
    ?? candidates.find((l) => l.title === task.title && Math.abs((l.line ?? 0) - line) <= 3)
    ?? (task.kind === 'testGap' ? candidates.find((l) => isRegressionTitle(l.title) === isRegressionTitle(task.title)) : undefined);
}

/** A regression-test task's title: its label is not the file's plain "Add tests for" label, nor the other way round. */
const isRegressionTitle = (title) => /^Add a regression test\b/.test(title ?? '');

/** A label stub for a task, for pasting into bench/quality-labels.json; `auto` is the automatic verdict, a hint only. */
export function labelStub(repo, record) {
  const auto = record.auto.findings.length ? record.auto.findings.map((f) => `${f.defect}: ${f.why}`).join(' | ') : 'clean';
  return { repo, kind: record.kind, path: record.path, line: record.line, ...(record.function ? { function: record.function } : {}), title: record.title, verdict: '', defect: '', note: '', auto };
}

// ---------------------------------------------------------------------------------------------------------------
// Running the product

/** `hands-on suggest … --json` as a user runs it; GitHub stays out (no token), so only the local sources count. */
export function runSuggest(dir, now, cli = DEFAULT_CLI) {
  const [command, ...prefix] = cli;
  const env = { ...process.env, GITHUB_TOKEN: '', GH_TOKEN: '', GITHUB_API_URL: '' };
  const started = performance.now();
  const stdout = execFileSync(command, [...prefix, 'suggest', '--repo', dir, '--now', new Date(now).toISOString(), '--budget', '30', '--json'], { encoding: 'utf8', env, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  // Items the product lists as not offered (`parked`: waiting, disabled on purpose, open-ended notes) are not
  // suggestions: they are left out of the top 10 and the task count, as the sidebar leaves them out of its groups.
  const offered = JSON.parse(stdout).filter((task) => task.parked === undefined);
  return { tasks: offered, ms: Math.round(performance.now() - started) };
}

/**
 * One repository: both runs, and the verdict on each of the top 10 (label first, else the automatic checks).
 * `entry` is a corpus entry ({repo, split, language, commit}); `dir` its work tree at the commit. The labels used
 * are added to `usedLabels` (so the caller can name the stale ones).
 */
export function evaluateRepo(entry, dir, { labels = [], cli = DEFAULT_CLI, now, usedLabels = new Set() } = {}) {
  const at = now ?? commitTime(dir, entry.commit ?? 'HEAD');
  const run = runSuggest(dir, at, cli);
  const idle = runSuggest(dir, at + 365 * DAY_MS, cli);
  const top = run.tasks.slice(0, TOP);
  const ctx = repoContext(dir, { now: at });
  const findings = classify(top, ctx);
  const records = top.map((task, i) => {
    const rel = relativePath(ctx, task) ?? '';
    const autoVerdict = findings[i].length ? 'bad' : 'good';
    const label = labelFor(labels, entry.repo, task, rel);
    if (label) usedLabels.add(label);
    return {
      rank: i + 1,
      kind: task.kind,
      path: rel,
      line: task.location?.line ?? 0,
      ...(untestedFunctionName(task) ? { function: untestedFunctionName(task) } : {}),
      title: task.title,
      estimateMinutes: task.estimateMinutes,
      reasons: task.reasons,
      claimsNoTest: claimsNoTest(task),
      verdict: label ? label.verdict : autoVerdict,
      by: label ? 'label' : 'auto',
      defect: label ? label.defect : findings[i][0]?.defect,
      auto: { verdict: autoVerdict, findings: findings[i] },
      ...(label && { label: { verdict: label.verdict, defect: label.defect, note: label.note } }),
    };
  });
  return { repo: entry.repo, split: entry.split, language: entry.language, commit: entry.commit, ...scoreRepo(records, run.tasks.length, idle.tasks.length), ms: run.ms, idleMs: idle.ms, top: records };
}

/** The figures of one repository from its judged top 10. */
export function scoreRepo(records, tasks, idleTasks) {
  const clean = records.filter((r) => r.verdict === 'good').length;
  const labeled = records.filter((r) => r.by === 'label');
  const claims = records.filter((r) => r.claimsNoTest);
  const labeledClaims = claims.filter((r) => r.by === 'label');
  const defects = {};
  for (const r of records) if (r.verdict === 'bad') defects[r.defect] = (defects[r.defect] ?? 0) + 1;
  return {
    tasks,
    idleTasks,
    cleanShare: tasks === 0 ? null : round(clean / Math.min(TOP, tasks)),
    clean,
    labeled: labeled.length,
    agreed: labeled.filter((r) => r.auto.verdict === r.label.verdict).length,
    noTestClaims: claims.length,
    noTestClaimsRightAuto: claims.filter((r) => !r.auto.findings.some((f) => f.defect === 'wrongNoTestFile')).length,
    noTestClaimsLabeled: labeledClaims.length,
    noTestClaimsRightLabeled: labeledClaims.filter((r) => r.label.defect !== 'wrongNoTestFile').length,
    defects,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Summaries

const round = (x, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
const mean = (xs) => (xs.length ? round(xs.reduce((a, b) => a + b, 0) / xs.length) : null);
const ratio = (a, b) => (b ? round(a / b) : null);
const sum = (rows, key) => rows.reduce((a, r) => a + r[key], 0);

/** Means over a group of repositories; shares pooled where they are counts (agreement, claims). */
export function summarize(rows) {
  const withTasks = rows.filter((r) => r.cleanShare !== null);
  return {
    repositories: rows.length,
    tasks: mean(rows.map((r) => r.tasks)),
    idleTasks: mean(rows.map((r) => r.idleTasks)),
    cleanShare: mean(withTasks.map((r) => r.cleanShare)),
    minCleanShare: withTasks.length ? Math.min(...withTasks.map((r) => r.cleanShare)) : null,
    withoutTasks: rows.length - withTasks.length,
    labeled: sum(rows, 'labeled'),
    agreement: ratio(sum(rows, 'agreed'), sum(rows, 'labeled')),
    noTestClaimsRightLabeled: ratio(sum(rows, 'noTestClaimsRightLabeled'), sum(rows, 'noTestClaimsLabeled')),
    noTestClaimsLabeled: sum(rows, 'noTestClaimsLabeled'),
    noTestClaimsRightAuto: ratio(sum(rows, 'noTestClaimsRightAuto'), sum(rows, 'noTestClaims')),
    ms: mean(rows.map((r) => r.ms)),
    totalMs: sum(rows, 'ms'),
  };
}

export function summarizeAll(rows) {
  return { dev: summarize(rows.filter((r) => r.split === 'dev')), heldOut: summarize(rows.filter((r) => r.split === 'heldOut')), all: summarize(rows) };
}

/** The issue's targets the figures miss, as sentences (empty when all are met). */
export function missedTargets(rows, means) {
  const missed = [];
  if (means.all.cleanShare === null || means.all.cleanShare < TARGETS.meanClean) missed.push(`mean clean top-10 share ${means.all.cleanShare} < ${TARGETS.meanClean}`);
  for (const r of rows) {
    if (r.cleanShare !== null && r.cleanShare < TARGETS.minClean) missed.push(`${r.repo}: clean share ${r.cleanShare} < ${TARGETS.minClean}`);
    if (r.tasks < TARGETS.minTasks) missed.push(`${r.repo}: ${r.tasks} tasks < ${TARGETS.minTasks}`);
    if (r.idleTasks < TARGETS.minTasks) missed.push(`${r.repo}: ${r.idleTasks} tasks when idle a year < ${TARGETS.minTasks}`);
  }
  const claims = means.all.noTestClaimsRightLabeled;
  if (claims !== null && claims < TARGETS.noTestClaimsRight) missed.push(`"no test file" claims right ${claims} < ${TARGETS.noTestClaimsRight} on ${means.all.noTestClaimsLabeled} labeled`);
  return missed;
}

// ---------------------------------------------------------------------------------------------------------------
// Output

const fmt = (x) => (x === null || x === undefined ? '–' : String(x));
const pad = (cells, widths) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
const WIDTHS = [24, 7, 6, 6, 6, 8, 6, 8, 7];
const HEADER = ['repository', 'split', 'tasks', 'idle', 'clean', 'labeled', 'agree', 'noTest✓', 'ms'];

export function renderTable(rows, means) {
  const lines = [pad(HEADER, WIDTHS), '-'.repeat(WIDTHS.reduce((a, b) => a + b + 2, -2))];
  for (const r of rows) {
    if (r.error) { lines.push(`${r.repo.padEnd(WIDTHS[0])}  error: ${r.error}`); continue; }
    lines.push(pad([r.repo, r.split, r.tasks, r.idleTasks, fmt(r.cleanShare), `${r.labeled}/${Math.min(TOP, r.tasks)}`, r.labeled ? `${r.agreed}/${r.labeled}` : '–', r.noTestClaimsLabeled ? `${r.noTestClaimsRightLabeled}/${r.noTestClaimsLabeled}` : '–', r.ms], WIDTHS));
  }
  lines.push('-'.repeat(WIDTHS.reduce((a, b) => a + b + 2, -2)));
  for (const [name, m] of Object.entries(means)) {
    if (m.repositories === 0) continue;
    lines.push(pad([`mean ${name} (${m.repositories})`, '', m.tasks, m.idleTasks, fmt(m.cleanShare), m.labeled, fmt(m.agreement), fmt(m.noTestClaimsRightLabeled), m.ms], WIDTHS));
  }
  const all = means.all;
  lines.push('', `clean: share of the top ${TOP} free of defects (label where present, else the automatic checks); lowest ${fmt(all.minCleanShare)}${all.withoutTasks ? `; ${all.withoutTasks} repositories without tasks left out of the mean` : ''}.`);
  lines.push(`agree: automatic verdict = label on labeled tasks. noTest✓: "no test file" claims right on labeled ones (automatic checks on all top-${TOP} claims: ${fmt(all.noTestClaimsRightAuto)}).`);
  return lines.join('\n');
}

export function renderShow(row) {
  const lines = [`== ${row.repo} (${row.split}, ${row.language}) at ${String(row.commit).slice(0, 7)}: ${row.tasks} tasks, ${row.idleTasks} idle a year, clean ${fmt(row.cleanShare)}`];
  for (const r of row.top) {
    lines.push(`${String(r.rank).padStart(2)}. ${r.verdict === 'good' ? 'GOOD' : 'BAD '} ${r.kind} ~${r.estimateMinutes}m  ${r.path}:${r.line}`);
    lines.push(`      ${r.title}`);
    lines.push(`      reasons: ${r.reasons.join(' | ')}`);
    lines.push(`      auto: ${r.auto.findings.length ? r.auto.findings.map((f) => `${f.defect} (${f.why})`).join('; ') : 'clean'}`);
    if (r.label) lines.push(`      label: ${r.label.verdict}${r.label.defect ? ` ${r.label.defect}` : ''}: ${r.label.note ?? ''}`);
  }
  return lines.join('\n');
}

function resultsJson(rows, means, missed) {
  const commit = (() => { try { return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim(); } catch { return undefined; } })();
  return {
    about: [
      'Regenerated by `npm run eval:quality` (whole corpus): do not edit by hand. Labels live in bench/quality-labels.json.',
      'cleanShare: share of the top 10 (or of all tasks when fewer) free of the defect classes, by label where present, else by the automatic checks of scripts/quality-checks.mjs.',
      'idleTasks: tasks with the clock a year after the pinned commit. ms: wall time of one `hands-on suggest` run.',
    ],
    productCommit: commit,
    targets: TARGETS,
    missedTargets: missed,
    means,
    repositories: rows.map(({ top, ...row }) => ({ ...row, top: top.map(({ reasons: _reasons, ...r }) => r) })),
  };
}

function parseArgs(argv) {
  const at = argv.indexOf('--only');
  return {
    only: at >= 0 ? (argv[at + 1] ?? '').split(',').map((s) => s.trim()).filter(Boolean) : [],
    build: !argv.includes('--no-build'),
    json: argv.includes('--json'),
    check: argv.includes('--check'),
    show: argv.includes('--show'),
    unlabeled: argv.includes('--unlabeled'),
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.build) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const { labels, pending } = readLabels();
  const corpus = readCorpus(args.only);
  if (corpus.length === 0) throw new Error(`no corpus repository matches --only ${args.only.join(',')}`);
  const rows = [];
  const usedLabels = new Set();
  for (const entry of corpus) {
    try {
      const dir = ensureWorktree(entry);
      rows.push(evaluateRepo(entry, dir, { labels, usedLabels }));
    } catch (error) {
      rows.push({ repo: entry.repo, split: entry.split, language: entry.language, commit: entry.commit, error: (error instanceof Error ? error.message : String(error)).split('\n')[0], tasks: 0, idleTasks: 0, cleanShare: null, clean: 0, labeled: 0, agreed: 0, noTestClaims: 0, noTestClaimsRightAuto: 0, noTestClaimsLabeled: 0, noTestClaimsRightLabeled: 0, defects: {}, ms: 0, idleMs: 0, top: [] });
    }
    if (!args.json) process.stderr.write('.');
  }
  if (!args.json) process.stderr.write('\n');
  const means = summarizeAll(rows);
  const missed = missedTargets(rows, means);
  const ran = new Set(rows.map((r) => r.repo));
  const stale = labels.filter((l) => ran.has(l.repo) && !usedLabels.has(l));
  if (args.only.length === 0) fs.writeFileSync(resultsFile, `${JSON.stringify(resultsJson(rows, means, missed), null, 2)}\n`);

  if (args.json) {
    console.log(JSON.stringify(resultsJson(rows, means, missed), null, 2));
  } else if (args.unlabeled) {
    for (const row of rows) for (const r of row.top.filter((t) => t.by === 'auto')) console.log(`${JSON.stringify(labelStub(row.repo, r))},`);
  } else {
    if (args.show) console.log(`${rows.filter((r) => !r.error).map(renderShow).join('\n\n')}\n`);
    console.log(renderTable(rows, means));
    if (pending) console.log(`${pending} label stub(s) in ${path.relative(root, labelsFile)} have no verdict yet.`);
    if (stale.length) console.log(`${stale.length} label(s) match no top-${TOP} task now (the list changed): ${stale.slice(0, 5).map((l) => `${l.repo} ${l.path}:${l.line}`).join(', ')}${stale.length > 5 ? ', …' : ''}`);
    console.log(missed.length ? `\nTargets missed (${missed.length}):\n- ${missed.join('\n- ')}` : '\nAll targets met.');
    if (args.only.length === 0) console.log(`Figures written to ${path.relative(root, resultsFile)}.`);
  }
  if (args.check && missed.length) process.exitCode = 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  });
}
