/**
 * TODO/FIXME/BUG/HACK comments found with `git grep`. Two phases, so that collectLocalCandidates can date the hits
 * of both sources in one pass from the history window (lineAges.ts): `grepTodos`, then `todoCandidates` with the
 * ages. `findTodos` does both with `git blame` for the ages. The lines around each TODO are read from the work tree
 * (readTodoContexts) for the judgements that need its neighbourhood: a platform condition beside it. Node only.
 */
import * as path from 'node:path';
import { platformWait } from '../../core/platformTodo';
import type { TaskCandidate, TodoSignals } from '../../core/tasks';
import { isExampleFile, isToolingFile } from '../../core/testFileMatch';
import { isOldVagueNote, isProsePath, todoWaitsOn } from '../../core/todoJudgement';
import { GitGateway } from '../gitProcess';
import { blameAges, type BlameAges, type BlameOptions } from './blame';
import { ereToRegExp, grepTracked, type GrepHit } from './grep';
import { readTextsInTurns } from './readTexts';
import { IdMaker, sanitizeTitle } from './text';

export const DEFAULT_MAX_TODOS = 2_000;

/**
 * Prefilter for git grep (POSIX ERE): a comment opener (`//`, `#`, `/*`, `*` inside block comments, `--` for
 * SQL/Lua/Haskell, `<!--`, `;` for Lisp/asm/ini) then optional spaces, then an UPPER-CASE tag followed by `:`, `(`
 * or a space. Upper case only: lower-case `todo` is mostly prose or identifiers.
 */
export const TODO_GREP_PATTERN = '(//|#|/\\*|\\*|--|<!--|;)[[:space:]]*(TODO|FIXME|BUG|HACK)[:( ]';

/**
 * The precise check, on each line git grep returns: group 1 the tag, group 2 an optional `(owner)`, group 3 the
 * text. The opener must start the line or follow whitespace/code punctuation, so `http://x#TODO` style URLs in
 * strings are less likely to match.
 */
export const TODO_LINE = /(?:^|[\s;,)}\]])(?:\/\/+|#+|\/\*+|\*|--|<!--|;+)\s*(TODO|FIXME|BUG|HACK)\b(?:\(([^)]{0,40})\))?(?=[:( ]|\s*$)[:\s]*(.*)$/;

export interface TodoOptions extends Pick<BlameOptions, 'maxFiles' | 'signal' | 'timeoutMs'> {
  readonly now?: number;
  readonly maxTodos?: number;
}

export interface SourceResult {
  readonly candidates: TaskCandidate[];
  readonly problems: string[];
}

/** Words one of which every line TODO_GREP_PATTERN matches contains: a fixed-string prefilter (sourcesGrep.ts). */
export const TODO_KEYWORDS: readonly string[] = ['TODO', 'FIXME', 'BUG', 'HACK'];

/** TODO_GREP_PATTERN in JavaScript, for a grep shared with other sources (sourcesGrep.ts). */
const TODO_PREFILTER = ereToRegExp(TODO_GREP_PATTERN);

/** What this source's own grep would keep of a line any grep found: tag and text, or undefined. */
export function acceptTodo(hit: GrepHit): { tag: TodoSignals['tag']; text: string } | undefined {
  return TODO_PREFILTER.test(hit.text) ? todoOf(hit) : undefined;
}

/**
 * A TODO in the product's code: documentation (CHANGELOG, README, `.md`) is prose, its `### BUG FIXES` no marker;
 * example and sample code shows the product and is not it (`left as an exercise for the reader`).
 */
function todoOf(hit: GrepHit): { tag: TodoSignals['tag']; text: string } | undefined {
  return isProsePath(hit.path) || isExampleFile(hit.path) ? undefined : parseTodoLine(hit.text);
}

/** Parses a grep hit into tag and text, or undefined when the line is not really such a comment. */
export function parseTodoLine(line: string): { tag: TodoSignals['tag']; text: string } | undefined {
  const m = TODO_LINE.exec(line);
  if (!m) return undefined;
  // Drop block-comment closers and trailing decoration: `*/`, `-->`, `#}`.
  const text = m[3]!.replace(/\s*(\*\/|-->|#\})\s*$/, '').trim();
  // A heading in upper case with no colon (`# BUG FIXES`, `// TODO LIST`) names a section, not a task.
  if (/^[A-Z][A-Z ]*$/.test(text) && m[2] === undefined && !/^\s*:/.test(line.slice(m.index + m[0].indexOf(m[1]!) + m[1]!.length))) return undefined;
  return { tag: m[1] as TodoSignals['tag'], text };
}

/** What the grep found, before ages. */
export interface TodoScan {
  readonly hits: GrepHit[];
  readonly parsed: ReadonlyMap<GrepHit, { tag: TodoSignals['tag']; text: string }>;
  readonly problems: string[];
  /** The lines around each hit, once read (readTodoContexts); without them a TODO is judged on its own line. */
  readonly contexts?: ReadonlyMap<GrepHit, TodoContext>;
}

/** Lines of a file around a TODO, and the TODO's index in them. */
export interface TodoContext {
  readonly lines: readonly string[];
  readonly index: number;
}

/** Lines kept on each side of a TODO: enough for its comment block and the condition around it (core/platformTodo). */
const CONTEXT_LINES = 12;
const MAX_READ_CHARS = 2 << 20;

/**
 * Reads each file with a TODO once from the work tree (at most 2 MB) and keeps the lines around each hit. A file
 * gone or changed since the grep leaves its hits without context.
 */
export async function readTodoContexts(repoRoot: string, scan: TodoScan, signal?: AbortSignal): Promise<TodoScan> {
  const byFile = linesByFile(scan.hits);
  const hitsOf = new Map<string, GrepHit[]>();
  for (const hit of scan.hits) hitsOf.set(hit.path, [...(hitsOf.get(hit.path) ?? []), hit]);
  const contexts = new Map<GrepHit, TodoContext>();
  await readTextsInTurns([...byFile.keys()], (file) => path.join(repoRoot, file), MAX_READ_CHARS, (file, text) => {
    if (text === undefined) return;
    const lines = text.split(/\r?\n/);
    for (const hit of hitsOf.get(file)!) {
      const i = hit.line - 1;
      if (lines[i] !== hit.text.replace(/\r$/, '')) continue;
      const from = Math.max(0, i - CONTEXT_LINES);
      contexts.set(hit, { lines: lines.slice(from, i + CONTEXT_LINES + 1), index: i - from });
    }
  }, signal);
  return { ...scan, contexts };
}

/** `repoRoot` must be the work tree's top level (paths are joined to it). */
export async function findTodos(git: GitGateway, repoRoot: string, options: TodoOptions = {}): Promise<SourceResult> {
  const now = options.now ?? Date.now();
  const scan = await readTodoContexts(repoRoot, await grepTodos(git, repoRoot, options), options.signal);
  const blame = await blameAges(git, repoRoot, linesByFile(scan.hits), { now, maxFiles: options.maxFiles, signal: options.signal, timeoutMs: options.timeoutMs });
  return todoCandidates(repoRoot, scan, blame);
}

export async function grepTodos(git: GitGateway, repoRoot: string, options: Pick<TodoOptions, 'maxTodos' | 'signal' | 'timeoutMs'> = {}): Promise<TodoScan> {
  const maxTodos = options.maxTodos ?? DEFAULT_MAX_TODOS;
  const parsed = new Map<GrepHit, { tag: TodoSignals['tag']; text: string }>();
  const outcome = await grepTracked(git, repoRoot, [TODO_GREP_PATTERN], [], maxTodos, (hit) => {
    const todo = todoOf(hit);
    if (todo) parsed.set(hit, todo);
    return todo !== undefined;
  }, { signal: options.signal, timeoutMs: options.timeoutMs });
  return { hits: outcome.hits, parsed, problems: outcome.truncated ? [todoCapProblem(maxTodos)] : [] };
}

export const todoCapProblem = (max: number): string => `Stopped at ${max} TODO/FIXME comments; more exist.`;

/** A hit missing from `dated.ages` gets `ageUnknown`; `dated.problems` are added to the result's. */
export function todoCandidates(repoRoot: string, scan: TodoScan, dated: BlameAges): SourceResult {
  const problems = [...scan.problems, ...dated.problems];
  const ids = new IdMaker();
  const candidates = scan.hits.map((hit): TaskCandidate => {
    const { tag, text } = scan.parsed.get(hit)!;
    const age = dated.ages.get(hit.path)?.get(hit.line);
    const title = sanitizeTitle(text ? `${tag}: ${text}` : `${tag} in ${hit.path}`);
    const context = scan.contexts?.get(hit) ?? { lines: [hit.text], index: 0 };
    const waitsOn = todoWaitsOn(text) ?? platformWait({ path: hit.path, text, ...context });
    // A lower bound (older than the history read) counts as that old: the note is at least that stale.
    const vague = !waitsOn && isOldVagueNote(text, age ?? 0, age === undefined);
    return {
      id: ids.make('todo', repoRoot, hit.path, `${tag} ${text}`),
      title,
      repo: repoRoot,
      location: { file: path.join(repoRoot, hit.path), line: hit.line },
      signals: {
        kind: 'todo', tag, text: sanitizeTitle(text, 500), ageDays: age ?? 0, ...(age === undefined ? { ageUnknown: true } : {}),
        ...(dated.atLeast?.get(hit.path)?.has(hit.line) ? { ageAtLeast: true } : {}),
        ...(waitsOn ? { waitsOn: sanitizeTitle(waitsOn, 120) } : {}), ...(vague ? { vague: true } : {}),
        ...(isToolingFile(hit.path) ? { inTooling: true } : {}),
      },
    };
  });
  return { candidates, problems };
}

export function linesByFile(hits: readonly GrepHit[]): Map<string, number[]> {
  const byFile = new Map<string, number[]>();
  for (const hit of hits) {
    const lines = byFile.get(hit.path) ?? [];
    lines.push(hit.line);
    byFile.set(hit.path, lines);
  }
  return byFile;
}
