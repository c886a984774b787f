/**
 * One task per piece of work among the TODOs and skipped tests of a repository: one place in a file is one sitting.
 * Pure.
 *
 * - A TODO/FIXME within NEAR_LINES lines of a skipped test's marker explains that skip (`// FIXME: re-enable once …`
 *   above `#[ignore]`): the skipped test remains, with the comment in its notes (and what it waits on).
 * - The same test's markers in a file (`@Ignore` and `@Disabled` on one method, two `t.Skip` in one test) are one.
 * - Tests of a file skipped for the same written reason are one task: re-enabling them is one piece of work.
 * - The same comment text in the same file (`TODO: Avoid allocation.` twice) is one task, at its first line.
 * - Skips, or TODOs, within NEAR_LINES lines of each other (a run of `// TODO:` lines, two one-line `it.skip`s) are
 *   one task at the first line, the others in its notes.
 * - Across files: the same comment (its first clause: `re-enable jemalloc on macOS` in `main.rs` and `Cargo.toml`), or
 *   tests skipped for the same written reason (one skip copied into five sibling modules), are one task at the first
 *   place, product code before tooling; the other places go into `alsoIn` (into `alsoAt` when in the same file).
 *   Only a comment or reason that means one thing wherever it is written (sharedKey: an issue link, or enough words
 *   that name something): `remove this` or `handle the empty case` in two files are two tasks.
 * The merged lines go into `alsoAt`; order is otherwise kept.
 */
import type { SkippedTestSignals, TaskCandidate, TodoSignals } from './tasks';

export const NEAR_LINES = 3;
/** Words a comment or a skip reason needs before the same one in two files is taken for one piece of work. */
export const MIN_SHARED_WORDS = 4;
/** Words a comment that names nothing needs to be taken for the same piece of work wherever it is written. */
export const GENERIC_WORDS = 7;

type Skip = TaskCandidate & { readonly signals: SkippedTestSignals };
type Todo = TaskCandidate & { readonly signals: TodoSignals };

export function mergeLocalDuplicates(todos: readonly TaskCandidate[], skipped: readonly TaskCandidate[]): { todos: TaskCandidate[]; skipped: TaskCandidate[] } {
  const skipNote = (skip: Skip) => (skip.signals.testName ? `skipped test ${skip.signals.testName} (${skip.signals.marker})` : `skipped with ${skip.signals.marker}`);
  const skips = mergeNear(mergeSameReason(mergeSameTest(skipped.filter(isSkip)), skipNote), skipNote);
  const byFile = new Map<string, Skip[]>();
  for (const skip of skips) if (skip.location) byFile.set(skip.location.file, [...(byFile.get(skip.location.file) ?? []), skip]);

  // Each TODO next to a skip becomes a note of the nearest one.
  const notes = new Map<Skip, Todo[]>();
  const leftTodos: Todo[] = [];
  for (const todo of todos.filter(isTodo)) {
    const near = todo.location && nearest(byFile.get(todo.location.file) ?? [], todo.location.line);
    if (near) notes.set(near, [...(notes.get(near) ?? []), todo]);
    else leftTodos.push(todo);
  }
  const withTheirNotes = skips.map((skip) => {
    const merged = notes.get(skip);
    return merged ? withNotes(skip, merged) : skip;
  });
  return {
    todos: mergeAcrossFiles(mergeNear(mergeSameText(leftTodos), todoNote), (todo) => sharedKey(firstClause(todo.signals.text))),
    // The same test skipped for the same reason in two modules is a copied test, however plain the reason.
    skipped: mergeAcrossFiles(withTheirNotes, (skip) => sharedKey(skip.signals.reason) ?? sameTestKey(skip)),
  };
}

/** A comment's first clause: up to a sentence end, `;`, `, ` or ` - ` (`re-enable jemalloc on macOS, see …`). */
function firstClause(text: string): string {
  return text.split(/[.!?](?:\s|$)|;|,\s|:\s|\s--?\s/)[0]!;
}

function sameTestKey(skip: Skip): string | undefined {
  const reason = skip.signals.reason?.toLowerCase().replace(/\s+/g, ' ').trim();
  return reason && skip.signals.testName ? `${skip.signals.testName}\0${reason}` : undefined;
}

/** An issue link or reference: `https://…`, `#2144`, `KT-20427`. */
const ISSUE_LINK = /https?:\/\/\S|#\d+\b|\b[A-Z][A-Z0-9]+-\d+\b/;

/** A name in the text: an identifier (`MakeIOError()`, `keys_are_even`, `macOS`, `env_chromium.cc`) or a capitalised word past the first (`Gson`, `Netty`). */
const NAMES_SOMETHING = /[a-z][A-Z]|[A-Za-z]_[A-Za-z]|\w\.\w|\(\)|\d|\s[A-Z]/;

/**
 * The text as a key shared across files (case, spacing and punctuation aside), or undefined when it does not mean one
 * thing wherever it is written: under MIN_SHARED_WORDS words, or a generic phrase (`handle the empty case` in 191
 * files is 191 tasks) that names nothing and is shorter than GENERIC_WORDS.
 */
function sharedKey(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const key = text.toLowerCase().replace(/[^\p{L}\p{N}#:/._'-]+/gu, ' ').replace(/[\s.:]+$/, '').trim();
  const words = key.split(' ').length;
  const specific = ISSUE_LINK.test(text) || (words >= MIN_SHARED_WORDS && (NAMES_SOMETHING.test(text.trim()) || words >= GENERIC_WORDS));
  return specific ? key : undefined;
}

/**
 * Tasks with the same key become one, at the first (product code before tooling): the others' places go into its
 * `alsoIn` (into `alsoAt` when in its own file). Order is otherwise kept.
 */
function mergeAcrossFiles<T extends Skip | Todo>(items: readonly T[], keyOf: (item: T) => string | undefined): T[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = item.location ? keyOf(item) : undefined;
    if (key !== undefined) groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const primaryOf = new Map<T, T[]>();
  const merged = new Set<T>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const primary = group.find((item) => !(item.signals.kind === 'todo' && item.signals.inTooling)) ?? group[0]!;
    primaryOf.set(primary, group.filter((item) => item !== primary));
    for (const item of group) if (item !== primary) merged.add(item);
  }
  return items.filter((item) => !merged.has(item)).map((item) => {
    const others = primaryOf.get(item);
    if (!others) return item;
    const file = item.location!.file;
    const here = others.filter((o) => o.location!.file === file).flatMap((o) => [o.location!.line, ...(o.signals.alsoAt ?? [])]);
    const elsewhere = others.filter((o) => o.location!.file !== file).flatMap((o) => [placeOf(o), ...(o.signals.alsoIn ?? [])]);
    const s = item.signals;
    return {
      ...item,
      signals: {
        ...s, ...(here.length ? { alsoAt: [...(s.alsoAt ?? []), ...here] } : {}),
        ...(elsewhere.length ? { alsoIn: [...(s.alsoIn ?? []), ...elsewhere] } : {}),
      },
    };
  });
}

/** `path:line`, the path relative to the task's repository. */
function placeOf(item: Skip | Todo): string {
  const file = item.location!.file;
  const relative = file.startsWith(item.repo) ? file.slice(item.repo.length).replace(/^[\\/]+/, '') : file;
  return `${relative.replace(/\\/g, '/')}:${item.location!.line}`;
}

function isSkip(c: TaskCandidate): c is Skip {
  return c.signals.kind === 'skippedTest';
}

function isTodo(c: TaskCandidate): c is Todo {
  return c.signals.kind === 'todo';
}

function nearest(skips: readonly Skip[], line: number): Skip | undefined {
  let best: Skip | undefined;
  for (const skip of skips) {
    const distance = Math.abs(skip.location!.line - line);
    if (distance <= NEAR_LINES && (!best || distance < Math.abs(best.location!.line - line))) best = skip;
  }
  return best;
}

function withNotes(skip: Skip, todos: readonly Todo[]): Skip {
  const s = skip.signals;
  const reason = s.reason?.toLowerCase() ?? '';
  // A comment the reason already quotes (the comment above the marker) is not repeated; a bare tag says nothing.
  const notes = todos.filter((t) => !reason.includes(t.signals.text.toLowerCase())).map(todoNote).filter((n): n is string => n !== undefined);
  const waitsOn = s.waitsOn ?? todos.find((t) => t.signals.waitsOn)?.signals.waitsOn;
  return {
    ...skip,
    signals: { ...s, ...(notes.length ? { notes: [...(s.notes ?? []), ...notes] } : {}), ...(waitsOn ? { waitsOn } : {}) },
  };
}

function todoNote(todo: Todo): string | undefined {
  return todo.signals.text ? `${todo.signals.tag}: ${todo.signals.text}` : undefined;
}

/**
 * Tasks of a file within NEAR_LINES of the one before (in line order) join the first of their run: its `alsoAt` gets
 * their lines, its notes their `noteOf` (and their own notes).
 */
function mergeNear<T extends Skip | Todo>(items: readonly T[], noteOf: (item: T) => string | undefined): T[] {
  const byFile = new Map<string, T[]>();
  for (const item of items) if (item.location) byFile.set(item.location.file, [...(byFile.get(item.location.file) ?? []), item]);
  const runs = new Map<T, T[]>();
  const joined = new Set<T>();
  for (const list of byFile.values()) {
    let first: T | undefined;
    let last = 0;
    for (const item of [...list].sort((a, b) => a.location!.line - b.location!.line)) {
      const line = item.location!.line;
      if (first && line - last <= NEAR_LINES) {
        runs.get(first)!.push(item);
        joined.add(item);
      } else {
        first = item;
        runs.set(item, []);
      }
      last = line;
    }
  }
  return items.filter((item) => !joined.has(item)).map((item) => {
    const run = runs.get(item);
    if (!run?.length) return item;
    const alsoAt = [...(item.signals.alsoAt ?? []), ...run.flatMap((other) => [other.location!.line, ...(other.signals.alsoAt ?? [])])];
    const notes = [...(item.signals.notes ?? []), ...run.flatMap((other) => [noteOf(other), ...(other.signals.notes ?? [])]).filter((n): n is string => !!n)];
    return { ...item, signals: { ...item.signals, alsoAt, ...(notes.length ? { notes } : {}) } };
  });
}

/** Markers of the same named test in the same file. */
function mergeSameTest(skips: readonly Skip[]): Skip[] {
  return mergeBy(skips, (skip) => (skip.signals.testName ? `${skip.location!.file}\0${skip.signals.testName}` : undefined));
}

/**
 * Tests of one file skipped for the same written reason (spacing, case and numbers aside: `no double for 9223…808`
 * and `…806` are one reason) are one piece of work: the first stays, the others' names go into its notes.
 */
function mergeSameReason(skips: readonly Skip[], noteOf: (skip: Skip) => string): Skip[] {
  const keyOf = (skip: Skip) => {
    const reason = skip.signals.reason?.replace(/-?\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();
    return reason && skip.location ? `${skip.location.file}\0${reason}` : undefined;
  };
  const merged = mergeBy(skips, keyOf);
  // Every skip after the first of its key was merged: its name becomes a note of that first one.
  const notes = new Map<string, string[]>();
  for (const skip of skips) {
    const key = keyOf(skip);
    if (key === undefined) continue;
    const list = notes.get(key);
    if (list) list.push(noteOf(skip));
    else notes.set(key, []);
  }
  return merged.map((skip) => {
    const more = notes.get(keyOf(skip) ?? '');
    return more?.length ? { ...skip, signals: { ...skip.signals, notes: [...(skip.signals.notes ?? []), ...more] } } : skip;
  });
}

/** The same tag and text (spacing and case aside) in the same file. */
function mergeSameText(todos: readonly Todo[]): Todo[] {
  return mergeBy(todos, (todo) => {
    const text = todo.signals.text.replace(/\s+/g, ' ').trim().toLowerCase();
    return text ? `${todo.location!.file}\0${todo.signals.tag}\0${text}` : undefined;
  });
}

/** Keeps the first of each key (undefined: never merged); the others' lines go into its `alsoAt`. */
function mergeBy<T extends Skip | Todo>(items: readonly T[], keyOf: (item: T) => string | undefined): T[] {
  const firstAt = new Map<string, number>();
  const out: T[] = [];
  for (const item of items) {
    const key = item.location ? keyOf(item) : undefined;
    const at = key === undefined ? undefined : firstAt.get(key);
    if (at === undefined) {
      if (key !== undefined) firstAt.set(key, out.length);
      out.push(item);
      continue;
    }
    const first = out[at]!;
    out[at] = { ...first, signals: { ...first.signals, alsoAt: [...(first.signals.alsoAt ?? []), item.location!.line] } };
  }
  return out;
}
