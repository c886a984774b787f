// The real-repository corpus (bench/corpus.json) as work trees at their pinned commits, for the evaluation scripts
// (eval-quality.mjs, eval-risk.mjs). Plain Node: no build needed.
//
// Snapshots are bare clones brought by the search tool's `fetch` (HANDS_ON_MIRROR_DIR, default /work/.mirror, holds
// OWNER+NAME/repo). Each becomes a work tree under HANDS_ON_CORPUS_DIR (default .corpus/ in this project, ignored by
// git): `git clone --shared` (objects stay in the mirror) and a detached checkout of the pinned commit. Nothing here
// is committed, and no code of the corpus is ever run: only git reads it.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const corpusFile = path.join(root, 'bench', 'corpus.json');

export function mirrorDir() {
  return path.resolve(process.env.HANDS_ON_MIRROR_DIR ?? '/work/.mirror');
}

export function corpusDir() {
  return path.resolve(process.env.HANDS_ON_CORPUS_DIR ?? path.join(root, '.corpus'));
}

/** `{repo, commit, language, split}` entries; `only` (owner/name substrings) narrows them. */
export function readCorpus(only = []) {
  const { repositories } = JSON.parse(fs.readFileSync(corpusFile, 'utf8'));
  return only.length ? repositories.filter((entry) => only.some((part) => entry.repo.toLowerCase().includes(part.toLowerCase()))) : repositories;
}

/** A git environment without the caller's GIT_* variables, so they cannot point git elsewhere. */
function cleanEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_')));
}

export function git(cwd, args) {
  return execFileSync('git', ['-c', 'core.quotePath=false', ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
}

export class MissingSnapshotError extends Error {}

/**
 * The work tree of `entry` at its pinned commit, made from the mirror when missing or moved back when it is not at
 * that commit. Throws MissingSnapshotError when the snapshot was never fetched.
 */
export function ensureWorktree(entry) {
  const mirror = path.join(mirrorDir(), entry.repo.replace('/', '+'), 'repo');
  const dir = path.join(corpusDir(), entry.repo.replace('/', '+'));
  let fresh = false;
  if (!fs.existsSync(path.join(dir, '.git'))) {
    if (!fs.existsSync(mirror)) {
      throw new MissingSnapshotError(`${entry.repo}: no snapshot at ${mirror}. Fetch it with the search tool's fetch (github:${entry.repo}), or set HANDS_ON_MIRROR_DIR.`);
    }
    fs.mkdirSync(corpusDir(), { recursive: true });
    git(corpusDir(), ['clone', '--quiet', '--shared', '--no-checkout', mirror, dir]);
    fresh = true;
  }
  const head = git(dir, ['rev-parse', 'HEAD']).trim();
  // A fresh `--no-checkout` clone is at the commit already, with nothing checked out.
  if (fresh || head !== entry.commit) {
    leaveOutMissingBlobs(dir, entry.commit);
    git(dir, ['checkout', '--quiet', '--force', '--detach', entry.commit]);
  }
  return dir;
}

/**
 * Snapshots lack files of 4 MiB and more (a `nuget.exe`, a data file), so a plain checkout fails on them. Those
 * paths are left out of the work tree with a sparse checkout; the history still names them, as on GitHub.
 */
function leaveOutMissingBlobs(dir, commit) {
  const entries = git(dir, ['ls-tree', '-r', '-z', '--full-tree', commit]).split('\0').filter(Boolean).map((line) => {
    const tab = line.indexOf('\t');
    const [, type, sha] = line.slice(0, tab).split(' ');
    return { type, sha, file: line.slice(tab + 1) };
  }).filter((e) => e.type === 'blob');
  const check = execFileSync('git', ['cat-file', '--batch-check=%(objectname)'], { cwd: dir, input: entries.map((e) => e.sha).join('\n') + '\n', encoding: 'utf8', env: cleanEnv(), maxBuffer: 1 << 30 });
  const missing = new Set(check.split('\n').filter((line) => line.endsWith(' missing')).map((line) => line.split(' ')[0]));
  if (missing.size === 0) return;
  const patterns = ['/*', ...entries.filter((e) => missing.has(e.sha)).map((e) => `!/${e.file.replace(/([*?[\\!#])/g, '\\$1')}`)];
  git(dir, ['config', 'core.sparseCheckout', 'true']);
  fs.mkdirSync(path.join(dir, '.git', 'info'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.git', 'info', 'sparse-checkout'), `${patterns.join('\n')}\n`);
}

/** Committer time of the pinned commit, epoch ms: the harness's "now". */
export function commitTime(dir, commit) {
  return Number(git(dir, ['log', '-1', '--format=%ct', commit]).trim()) * 1000;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // `node scripts/corpus.mjs [names…]`: prepare the work trees and print where they are.
  for (const entry of readCorpus(process.argv.slice(2))) {
    try {
      console.log(`${entry.repo}\t${ensureWorktree(entry)}`);
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    }
  }
}
