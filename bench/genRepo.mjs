// A large, realistic repository for the local-suggest benchmark, written with `git fast-import` (seconds, where
// 100,000 `git commit`s would take an hour). Deterministic (seeded), and cached under bench/.cache/ keyed by
// GENERATOR_VERSION, so reruns reuse it; it is regenerated when older than MAX_AGE_DAYS, because commit dates end at
// generation time and the 180-day window would otherwise slide over fewer and fewer commits.
//
// Shape: ~3,000 source files in 24 packages × 8 areas (TypeScript, some Python and Go), a test file for ~40% of
// them, TODO/FIXME comments in ~6% of files, skipped tests in ~3% of test files, a README per package.
// 100,000 linear commits over ~3 years; each touches 1–6 files chosen with a skewed (hot-file) popularity;
// ~15% have a fix subject ("fix: …", "Fix …", "hotfix …", "Revert …"). New files keep appearing over time.
//
// With `team: { myLastCommitBack: N }` (the drift bench), the same history is written by a team instead of one
// `Dev`: 12 teammates and `Me <me@example.com>`, whose last commit is exactly HEAD~N. Authors come from their own
// seeded generator, so the files, subjects and dates are those of the one-author repository, which keeps its cache
// (a separate folder, `-team<N>`, holds the team's).
import { spawn, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const GENERATOR_VERSION = 2;
const MAX_AGE_DAYS = 7;
const DAY_S = 86_400;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Returns the path of a checked-out repository with `commits` commits, generating it when the cache is stale. */
export async function ensureBenchRepo({ commits = 100_000, team, cacheDir = path.join(root, 'bench', '.cache'), log = () => {} } = {}) {
  if (team && !(Number.isInteger(team.myLastCommitBack) && team.myLastCommitBack > 0 && team.myLastCommitBack < commits)) {
    throw new Error(`team.myLastCommitBack must be an integer in 1..${commits - 1}`);
  }
  const repo = path.join(cacheDir, `repo-v${GENERATOR_VERSION}-${commits}${team ? `-team${team.myLastCommitBack}` : ''}`);
  const metaFile = path.join(repo, '.git', 'hands-on-bench.json');
  const meta = fs.existsSync(metaFile) ? JSON.parse(fs.readFileSync(metaFile, 'utf8')) : undefined;
  if (meta && Date.now() / 1000 - meta.lastCommit < MAX_AGE_DAYS * DAY_S) return { repo, ...meta, reused: true };
  fs.rmSync(repo, { recursive: true, force: true });
  fs.mkdirSync(repo, { recursive: true });
  const started = Date.now();
  log(`generating ${commits} commits in ${path.relative(root, repo)} …`);
  const git = (args, opts = {}) => execFileSync('git', args, { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'], env: gitEnv(), ...opts });
  git(['init', '-q', '-b', 'main']);
  const end = Math.floor(Date.now() / 1000) - 3600;
  const stats = await importHistory(repo, commits, end, team);
  // A working tree, as a developer has: git grep (TODOs, skipped tests) and ls-files read it.
  git(['checkout', '-q', '-f', 'main']);
  const info = { generatorVersion: GENERATOR_VERSION, commits, ...(team && { team }), lastCommit: end, generatedInMs: Date.now() - started, ...stats };
  fs.writeFileSync(metaFile, JSON.stringify(info, null, 2));
  log(`generated in ${info.generatedInMs} ms`);
  return { repo, ...info, reused: false };
}

/** No user or system config: the generated repository must not depend on who runs the bench. */
function gitEnv() {
  // An empty HOME (the cache folder itself) keeps ~/.gitconfig out.
  return { PATH: process.env.PATH, HOME: path.join(root, 'bench', '.cache'), GIT_CONFIG_NOSYSTEM: '1', LANG: 'C' };
}

/** mulberry32: small, fast, deterministic. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildTree(random) {
  const packages = Array.from({ length: 24 }, (_, i) => `pkg-${String(i).padStart(2, '0')}`);
  const areas = ['api', 'core', 'db', 'ui', 'util', 'net', 'auth', 'jobs'];
  const files = [];
  for (const pkg of packages) {
    const lang = pkg.endsWith('7') ? 'py' : pkg.endsWith('3') ? 'go' : 'ts';
    for (const area of areas) {
      const count = 10 + Math.floor(random() * 12);
      for (let i = 0; i < count; i++) {
        const stem = `${area}${['Service', 'Store', 'Handler', 'Model', 'Helper', 'Client', 'View', 'Queue'][i % 8]}${i}`;
        const dir = lang === 'ts' ? `packages/${pkg}/src/${area}` : `packages/${pkg}/${area}`;
        const src = { path: `${dir}/${lang === 'py' ? stem.toLowerCase() : stem}.${lang}`, kind: 'src', todo: random() < 0.06 };
        files.push(src);
        if (random() < 0.4) {
          const test = lang === 'ts' ? `${dir}/${stem}.test.ts` : lang === 'py' ? `${dir}/test_${stem.toLowerCase()}.py` : `${dir}/${stem}_test.go`;
          files.push({ path: test, kind: 'test', skip: random() < 0.03 });
        }
      }
    }
    files.push({ path: `packages/${pkg}/README.md`, kind: 'doc' });
  }
  return files;
}

/** File text: a header, optional TODO lines that never change (so blame must walk back to the file's birth), and a body. */
function render(file, state) {
  const lines = [`// ${file.path}`];
  if (file.todo) lines.push('// TODO: handle the empty case', '// FIXME(dev): retry on timeout');
  if (file.skip) lines.push("it.skip('flaky on CI', () => {});");
  for (let i = 0; i < state.length; i++) lines.push(`export const v${i} = ${state[i]};`);
  return `${lines.join('\n')}\n`;
}

/** The drift bench's user. */
export const BENCH_ME = { name: 'Me', email: 'me@example.com' };
const TEAMMATES = Array.from({ length: 12 }, (_, i) => ({ name: `Dev ${i + 1}`, email: `dev${i + 1}@example.com` }));

/**
 * Who wrote commit n: `Dev` alone by default; with a team, a teammate or (up to HEAD~myLastCommitBack) me, one in
 * 13, and me for HEAD~myLastCommitBack itself. Its own generator: the history's other random draws do not move.
 */
function authorOf(commitCount, team) {
  if (!team) return () => ({ name: 'Dev', email: 'dev@example.com' });
  const random = rng(7);
  const myLast = commitCount - 1 - team.myLastCommitBack;
  return (n) => {
    const i = Math.floor(random() * (TEAMMATES.length + 1));
    if (n === myLast || (n < myLast && i === TEAMMATES.length)) return BENCH_ME;
    return TEAMMATES[i % TEAMMATES.length];
  };
}

const FIX_SUBJECTS = ['fix: null check in %s', 'Fix crash when %s is empty', 'hotfix %s timeout', 'Revert "change %s"', 'fix(%s): off-by-one'];
const OTHER_SUBJECTS = ['feat: add %s option', 'refactor %s', 'docs: explain %s', 'chore: tidy %s', 'perf: faster %s', 'test: cover %s', 'Update %s'];

async function importHistory(repo, commitCount, end, team) {
  const random = rng(42);
  const author = authorOf(commitCount, team);
  const all = buildTree(random);
  // Each file keeps its popularity for life (hot files stay hot, as in real code): ~ 1/rank^0.9 over a random order.
  const order = all.map((f) => [random(), f]).sort((a, b) => a[0] - b[0]);
  order.forEach(([, f], rank) => (f.weight = 1 / (rank + 1) ** 0.9));
  // 60% exist from the first commit; the rest are added one at a time over the history.
  const live = all.filter(() => random() < 0.6);
  const pending = all.filter((f) => !live.includes(f));
  const state = new Map(all.map((f) => [f.path, Array.from({ length: 20 + Math.floor(random() * 30) }, () => 0)]));
  const start = end - 3 * 365 * DAY_S;
  let fixes = 0;

  const child = spawn('git', ['fast-import', '--quiet', '--done'], {
    cwd: repo,
    stdio: ['pipe', 'ignore', 'inherit'],
    // glibc gives memory back to the OS after every free without these; fast-import then crawls (measured here).
    env: { ...gitEnv(), MALLOC_TOP_PAD_: String(64 << 20), MALLOC_TRIM_THRESHOLD_: String(256 << 20) },
  });
  const exited = new Promise((resolve, reject) => child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import exited ${code}`)))));
  let buffer = [];
  let size = 0;
  const flush = async (force = false) => {
    if (!force && size < 1 << 20) return;
    const chunk = buffer.join('');
    buffer = [];
    size = 0;
    if (!child.stdin.write(chunk)) await new Promise((resolve) => child.stdin.once('drain', resolve));
  };
  const emit = (text) => {
    buffer.push(text);
    size += text.length;
  };
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;

  // Cumulative weights and a binary search: ~250,000 picks over ~3,000 files.
  let cumulative = [];
  const reweigh = () => {
    let sum = 0;
    cumulative = live.map((f) => (sum += f.weight));
  };
  const pick = () => {
    const r = random() * cumulative[cumulative.length - 1];
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return live[lo];
  };
  reweigh();

  for (let n = 0; n < commitCount; n++) {
    const t = start + Math.floor(((end - start) * n) / commitCount);
    const touched = new Set();
    if (n === 0) for (const f of live) touched.add(f);
    else {
      if (pending.length && random() < pending.length / (commitCount - n)) {
        const added = pending.shift();
        live.push(added);
        reweigh();
        touched.add(added);
      }
      const k = 1 + Math.floor(-Math.log(1 - random()) * 1.5);
      for (let i = 0; i < Math.min(6, k); i++) touched.add(pick());
    }
    const fix = n > 0 && random() < 0.15;
    if (fix) fixes++;
    const first = [...touched][0];
    const name = path.basename(first.path).replace(/\.[^.]+$/, '');
    const subject = n === 0 ? 'Initial import' : ((list) => list[Math.floor(random() * list.length)])(fix ? FIX_SUBJECTS : OTHER_SUBJECTS).replace('%s', name);
    const who = author(n);
    emit(`commit refs/heads/main\nauthor ${who.name} <${who.email}> ${t} +0000\ncommitter ${who.name} <${who.email}> ${t} +0000\n${data(subject)}`);
    for (const f of touched) {
      const body = state.get(f.path);
      if (n > 0) body[Math.floor(random() * body.length)] = n;
      emit(`M 100644 inline ${f.path}\n${data(render(f, body))}`);
    }
    emit('\n');
    await flush();
  }
  emit('done\n');
  await flush(true);
  child.stdin.end();
  await exited;
  return { files: live.length, fixCommits: fixes };
}

// `node bench/genRepo.mjs [COMMITS] [MY_LAST_COMMIT_BACK]`: generate (or reuse) and print where.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const team = process.argv[3] ? { myLastCommitBack: Number(process.argv[3]) } : undefined;
  const result = await ensureBenchRepo({ commits: Number(process.argv[2] ?? 100_000), team, log: (line) => console.error(line) });
  console.log(JSON.stringify(result, null, 2));
}
