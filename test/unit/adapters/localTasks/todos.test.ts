import { strict as assert } from 'node:assert';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { blameAges } from '../../../../src/adapters/localTasks/blame';
import { findTodos, parseTodoLine } from '../../../../src/adapters/localTasks/todos';
import { sanitizeTitle } from '../../../../src/adapters/localTasks/text';
import type { TodoSignals } from '../../../../src/core/tasks';
import { TempRepos } from './gitRepo';

describe('local tasks: TODO/FIXME comments (real repositories)', function () {
  this.timeout(30_000);
  let repos: TempRepos;
  beforeEach(() => { repos = new TempRepos(); });
  afterEach(() => repos.dispose());

  const signals = (c: { signals: unknown }) => c.signals as TodoSignals;

  const standard = () => {
    const repo = repos.init('todos');
    repos.commit(repo, 'start', 90, {
      '.gitignore': 'ignored/\n*.log\n',
      'src/invoice.ts': 'export function total() {\n  // FIXME: handle empty invoice\n  return 0;\n}\n',
      'notes.md': 'A TODO: in prose is not a comment\n',
    });
    repos.commit(repo, 'py', 34, { 'app/tool.py': 'def run():\n    pass  # TODO(bob): retry on timeout\n' });
    repos.commit(repo, 'more', 10, {
      'db/schema.sql': '-- HACK: denormalised for speed\nSELECT 1;\n',
      'web/page.html': '<!-- BUG: header overlaps on mobile -->\n',
      'lib/x.c': '/* TODO: free buffer */\nint todo_count; // todo lower case\nint TODOS; // TODOS are not tags\n',
    });
    // Tracked vendored/minified files are skipped by path; ignored files are never searched.
    repos.commit(repo, 'vendor', 5, { 'node_modules/dep/index.js': '// TODO: vendor\n', 'web/app.min.js': '// TODO: minified\n' }, true);
    repos.write(repo, { 'ignored/gen.ts': '// TODO: ignored\n', 'debug.log': '# TODO: log\n' });
    return repo;
  };

  it('finds each tag in several comment styles, with its age from blame, and skips ignored, vendored and minified files', async () => {
    const repo = standard();
    const { candidates, problems } = await findTodos(repos.gateway(), repo);
    assert.deepEqual(problems, []);
    const byTitle = new Map(candidates.map((c) => [c.title, c]));
    assert.deepEqual([...byTitle.keys()].sort(), [
      'BUG: header overlaps on mobile', 'FIXME: handle empty invoice', 'HACK: denormalised for speed', 'TODO: free buffer', 'TODO: retry on timeout',
    ]);
    const fixme = byTitle.get('FIXME: handle empty invoice')!;
    assert.equal(signals(fixme).tag, 'FIXME');
    assert.equal(signals(fixme).ageDays, 90);
    assert.deepEqual(fixme.location, { file: path.join(repo, 'src/invoice.ts'), line: 2 });
    assert.equal(fixme.repo, repo);
    assert.equal(signals(byTitle.get('TODO: retry on timeout')!).ageDays, 34);
    assert.equal(signals(byTitle.get('HACK: denormalised for speed')!).ageDays, 10);
    assert.equal(signals(byTitle.get('BUG: header overlaps on mobile')!).text, 'header overlaps on mobile');
  });

  it('marks TODOs that wait on a release and old vague notes, and reads no markers in prose', async () => {
    const repo = repos.init('judged');
    repos.commit(repo, 'old', 400, {
      'cobra.go': '// FIXME: Gt is unused by cobra and should be removed in a version 2. It exists only for compatibility\nfunc Gt() {}\n',
      'src/jv.c': '/* FIXME: could be faster */\nint f(void) { return 0; }\n',
      'CHANGELOG.md': '## v1.2\n### BUG FIXES\n* BUG: crash on empty input\n',
      'HISTORY': '# TODO: release notes\n',
    });
    repos.commit(repo, 'new', 3, { 'src/jv2.c': '/* FIXME: could be faster */\nint g(void) { return 0; }\n' });
    const { candidates } = await findTodos(repos.gateway(), repo);
    const byFile = new Map(candidates.map((c) => [path.relative(repo, c.location!.file), signals(c)]));
    assert.deepEqual([...byFile.keys()].sort(), ['cobra.go', 'src/jv.c', 'src/jv2.c']);
    assert.equal(byFile.get('cobra.go')!.waitsOn, 'version 2');
    assert.equal(byFile.get('src/jv.c')!.vague, true, 'a 400-day-old "could be faster"');
    assert.equal(byFile.get('src/jv2.c')!.vague, undefined, 'a fresh one is still live intent');
  });

  it('leaves out TODOs in example, sample and demo code: it shows the product, it is not it', async () => {
    const repo = repos.init('examples');
    repos.commit(repo, 'x', 5, {
      'examples/server.go': 'package main\n// TODO: left as an exercise for the reader\nfunc main() {}\n',
      'samples/app/Main.kt': 'fun main() {\n  // TODO: handle user response\n}\n',
      'port/port_example.h': '// TODO: Many of these belong more in the environment class\n',
      'src/example_parser.go': 'package src\n// TODO: parse nested examples\nfunc P() {}\n',
      'src/server.go': 'package src\n// FIXME: close the listener on error\nfunc S() {}\n',
    });
    const { candidates } = await findTodos(repos.gateway(), repo);
    assert.deepEqual(candidates.map((c) => path.relative(repo, c.location!.file)).sort(), ['src/example_parser.go', 'src/server.go']);
  });

  it('parks a TODO about one platform as waiting for that machine, from the lines around it or its file name', async () => {
    const repo = repos.init('platforms');
    repos.commit(repo, 'x', 5, {
      'tests/tests.rs': 'fn a() {}\n\n// TODO test for windows\n#[cfg(not(windows))]\n#[test]\nfn test_exec_multi() {}\n\n// TODO: cover symlinks\n#[test]\nfn test_links() {}\n',
      'cmd/open.go': 'package cmd\nfunc open() {\n\tif runtime.GOOS == "windows" {\n\t\t// TODO: use the overlapped API\n\t\treturn\n\t}\n}\n',
      'util/env_windows.cc': '// TODO: Switch to GetSystemTimePreciseAsFileTime\nint now() { return 0; }\n',
    });
    const { candidates } = await findTodos(repos.gateway(), repo);
    const waits = new Map(candidates.map((c) => [`${path.relative(repo, c.location!.file)}:${c.location!.line}`, signals(c).waitsOn]));
    assert.deepEqual(Object.fromEntries(waits), {
      'tests/tests.rs:3': 'a Windows machine', 'tests/tests.rs:8': undefined, 'cmd/open.go:4': 'a Windows machine', 'util/env_windows.cc:1': 'a Windows machine',
    });
  });

  it('gives an uncommitted TODO age 0, and keeps ids when lines move', async () => {
    const repo = standard();
    const git = repos.gateway();
    const before = await findTodos(git, repo);
    appendFileSync(path.join(repo, 'src/invoice.ts'), '// TODO: written just now\n');
    const file = path.join(repo, 'app/tool.py');
    writeFileSync(file, '# moved down\n\n' + readFileSync(file, 'utf8'));
    const after = await findTodos(git, repo);
    const fresh = after.candidates.find((c) => c.title === 'TODO: written just now')!;
    assert.equal(signals(fresh).ageDays, 0);
    assert.equal(signals(fresh).ageUnknown, undefined);
    const id = (list: typeof before.candidates, title: string) => list.find((c) => c.title === title)!;
    const moved = id(after.candidates, 'TODO: retry on timeout');
    assert.equal(moved.location!.line, 4);
    assert.equal(moved.id, id(before.candidates, 'TODO: retry on timeout').id);
    assert.equal(signals(moved).ageDays, 34, 'a moved line keeps its blame');
  });

  it('finds a TODO in a new file not committed yet, but not in an ignored one', async () => {
    const repo = standard();
    writeFileSync(path.join(repo, 'draft.ts'), '// FIXME: new and untracked\n');
    writeFileSync(path.join(repo, '.gitignore'), 'scratch.ts\n');
    writeFileSync(path.join(repo, 'scratch.ts'), '// FIXME: ignored scratch\n');
    const found = await findTodos(repos.gateway(), repo);
    const titles = found.candidates.map((c) => c.title);
    assert.ok(titles.includes('FIXME: new and untracked'), titles.join(', '));
    assert.ok(!titles.includes('FIXME: ignored scratch'));
    // Not in HEAD, so blame cannot date it: it was written just now (age 0), and that is not a problem.
    const draft = found.candidates.find((c) => c.title === 'FIXME: new and untracked')!;
    assert.deepEqual([signals(draft).ageDays, signals(draft).ageUnknown], [0, undefined]);
    assert.deepEqual(found.problems, []);
  });

  it('dates nothing past the blame budget: those files get no age and one problem line, not a failure', async () => {
    const repo = standard();
    const byFile = new Map([['src/invoice.ts', [2]]]);
    const none = await blameAges(repos.gateway(), repo, byFile, { now: Date.now(), budgetMs: 0 });
    assert.equal(none.ages.size, 0);
    assert.deepEqual(none.problems, ['Ages were not computed for 1 file(s) within the 0 s blame budget (long history).']);
  });

  it('gives identical comments in one file distinct ids', async () => {
    const repo = repos.init('dupes');
    repos.commit(repo, 'x', 1, { 'a.js': '// TODO: fix\nlet a;\n// TODO: fix\n' });
    const { candidates } = await findTodos(repos.gateway(), repo);
    assert.equal(candidates.length, 2);
    assert.notEqual(candidates[0]!.id, candidates[1]!.id);
  });

  it('stops at maxTodos with a problem, and marks files beyond the blame limit as of unknown age', async () => {
    const repo = repos.init('many');
    const files: Record<string, string> = {};
    for (let i = 0; i < 6; i++) files[`f${i}.ts`] = Array.from({ length: 5 }, (_, k) => `// TODO: item ${i}-${k}`).join('\n') + '\n';
    repos.commit(repo, 'many', 3, files);
    const capped = await findTodos(repos.gateway(), repo, { maxTodos: 12 });
    assert.equal(capped.candidates.length, 12);
    assert.match(capped.problems.join('\n'), /Stopped at 12/);
    const limited = await findTodos(repos.gateway(), repo, { maxFiles: 2 });
    assert.equal(limited.candidates.length, 30);
    assert.equal(limited.candidates.filter((c) => signals(c).ageUnknown).length, 20);
    assert.equal(limited.candidates.filter((c) => !signals(c).ageUnknown && signals(c).ageDays === 3).length, 10);
    assert.match(limited.problems.join('\n'), /2 of 6 files/);
  });

  it('sanitises titles: control characters, ANSI escapes, bidi overrides and markup are removed, length capped', async () => {
    const repo = repos.init('evil');
    const long = 'x'.repeat(300);
    repos.commit(repo, 'evil', 2, {
      'a.ts': '// TODO: \u001b[31mred\u001b[0m <img src=x onerror=alert(1)> [click](http://evil) \u202egnp.exe\u0007 **bold**\n' + `// FIXME: ${long}\n`,
    });
    const { candidates } = await findTodos(repos.gateway(), repo);
    const evil = candidates.find((c) => c.title.startsWith('TODO'))!;
    assert.equal(evil.title, 'TODO: red img src=x onerror=alert(1) click (http://evil) gnp.exe bold');
    assert.doesNotMatch(signals(evil).text, /[\u0000-\u001f\u202e<>]/);
    const longOne = candidates.find((c) => c.title.startsWith('FIXME'))!;
    assert.equal([...longOne.title].length, 120);
    assert.ok(longOne.title.endsWith('…'));
  });

  it('parses comment lines precisely', () => {
    assert.deepEqual(parseTodoLine('  /* TODO: close it */'), { tag: 'TODO', text: 'close it' });
    assert.deepEqual(parseTodoLine(' * FIXME(ann): later'), { tag: 'FIXME', text: 'later' });
    assert.deepEqual(parseTodoLine('x = 1  # HACK quick'), { tag: 'HACK', text: 'quick' });
    assert.equal(parseTodoLine('const TODO_LIST = 1; // nothing'), undefined);
    assert.equal(parseTodoLine('// TODOS: plural'), undefined);
    assert.equal(parseTodoLine('// todo: lower'), undefined);
    assert.equal(sanitizeTitle('a\tb\nc'), 'a b c');
  });
});
