import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { collectLocalCandidates } from '../../../../src/adapters/localTasks';
import { untestedFunctionCandidates, type FunctionGapInputs } from '../../../../src/adapters/localTasks/untestedFunctions';
import { estimate } from '../../../../src/core/estimate';
import type { TaskCandidate, TestGapSignals } from '../../../../src/core/tasks';
import { TestFileIndex } from '../../../../src/core/testFileMatch';
import { TempRepos } from './gitRepo';

/** A Python function of `lines` statements, two of them branches. */
function pyDef(name: string, lines = 10, decorators: readonly string[] = []): string {
  return [
    ...decorators,
    `def ${name}(value, other=None):`,
    '    if value is None:',
    '        return other',
    '    for item in value:',
    '        other = item',
    ...Array.from({ length: Math.max(0, lines - 4) }, (_, i) => `    part${i} = len(value) + ${i}`),
    '    return other',
    '',
  ].join('\n');
}

const functionGaps = (list: readonly TaskCandidate[]) => list.filter((c) => c.signals.kind === 'testGap' && c.signals.untestedFunction);

describe('local tasks: public functions no test names, in files that have tests (real repositories)', function () {
  this.timeout(30_000);
  let repos: TempRepos;
  beforeEach(() => { repos = new TempRepos(); });
  afterEach(() => repos.dispose());

  it('suggests the function no test names, at its lines, with what was searched and the file\'s tests', async () => {
    const repo = repos.init('flask');
    const helpers = [pyDef('get_root_path', 16), pyDef('get_debug_flag'), pyDef('_private_helper'), 'def short(value):\n    if value:\n        return 1\n    return 0\n'].join('\n');
    repos.commit(repo, 'start', 30, {
      'src/flask/helpers.py': helpers,
      'tests/test_helpers.py': 'from flask.helpers import get_debug_flag\n\ndef test_flag():\n    assert get_debug_flag([1])\n',
    });
    repos.commit(repo, 'fix: root path on zip imports', 10, { 'src/flask/helpers.py': `${helpers}\n# fixed\n` });
    const result = await collectLocalCandidates(repo, { git: repos.gateway() });
    assert.deepEqual(result.problems, []);
    const found = functionGaps(result.candidates);
    assert.deepEqual(found.map((c) => c.title), ['Add a test for get_root_path (src/flask/helpers.py)']);
    const task = found[0]!;
    assert.equal(task.id, `testGap:${repo}:src/flask/helpers.py#get_root_path`);
    assert.deepEqual(task.location, { file: path.join(repo, 'src/flask/helpers.py'), line: 1, endLine: 18 });
    const s = task.signals as TestGapSignals;
    assert.equal(s.hasTestFile, true);
    assert.deepEqual(s.testEvidence, { kind: 'name', testFile: 'tests/test_helpers.py' });
    assert.deepEqual(s.untestedFunction, {
      name: 'get_root_path', bareName: 'get_root_path', line: 1, endLine: 18, testFilesSearched: 1,
      publicFunctions: { named: 1, of: 3, testFile: 'tests/test_helpers.py', namedThere: 1, examples: ['get_debug_flag'] },
    });
    assert.equal(s.churn, 2);
    assert.equal(s.fixCommits, 1);
    assert.deepEqual(s.scope, { logicLines: 17, functions: 1, branches: 2 });
    assert.ok(estimate(s).minutes >= 10);
    // No file-level gap for a tested file.
    assert.equal(result.candidates.filter((c) => c.signals.kind === 'testGap' && !c.signals.untestedFunction).length, 0);
  });

  it('counts a name anywhere in a test: a comment, a CLI command invoked by name, a quoted message', async () => {
    const repo = repos.init('names');
    repos.commit(repo, 'start', 10, {
      'src/app/cli.py': [
        pyDef('named_in_comment'),
        pyDef('routes_command', 10, ['@click.command("routes")']),
        'def locate_app(module):', '    if not module:', '        raise NoAppException("Could not import the application module.")',
        '    for part in module:', '        module = part', ...Array.from({ length: 6 }, (_, i) => `    step${i} = ${i}`), '    return module', '',
        pyDef('load_dotenv'),
        pyDef('really_unnamed'),
      ].join('\n'),
      'tests/test_cli.py': [
        'from app.cli import load_dotenv', '', 'def test_routes(runner):',
        '    # named_in_comment is covered by the routes test', '    result = runner.invoke(cli, ["routes"])',
        '    assert "Could not import the application module." in result.output', '    load_dotenv(".env")', '',
      ].join('\n'),
    });
    const result = await collectLocalCandidates(repo, { git: repos.gateway() });
    assert.deepEqual(functionGaps(result.candidates).map((c) => c.title), ['Add a test for really_unnamed (src/app/cli.py)']);
  });

  it('claims nothing for a file whose tests never name its functions (driven from outside), nor for private ones', async () => {
    const repo = repos.init('outside');
    repos.commit(repo, 'start', 20, {
      'src/server.py': [pyDef('process_command'), pyDef('dispatch_event')].join('\n'),
      'src/util.py': [pyDef('_hidden_helper'), pyDef('used_helper', 2), pyDef('public_unnamed')].join('\n'),
      'tests/test_server.py': 'def test_ping(client):\n    assert client.send("PING") == "PONG"\n',
      'tests/test_util.py': 'from util import used_helper\n\ndef test_it():\n    used_helper([1])\n',
    });
    const result = await collectLocalCandidates(repo, { git: repos.gateway() });
    assert.deepEqual(functionGaps(result.candidates).map((c) => c.title), ['Add a test for public_unnamed (src/util.py)']);
  });

  it('gives at most three functions of a file, the weightiest, and keeps its verdicts for the next refresh', async () => {
    const repo = repos.init('capped');
    repos.commit(repo, 'start', 10, {
      'lib/big.py': [pyDef('alpha', 8), pyDef('bravo', 30), pyDef('charlie', 20), pyDef('echo', 12), pyDef('delta_named')].join('\n'),
      'tests/test_big.py': 'from lib.big import delta_named\n\ndelta_named([])\n',
    });
    const git = repos.gateway();
    const first = await collectLocalCandidates(repo, { git });
    assert.deepEqual(functionGaps(first.candidates).map((c) => c.title).sort(), ['Add a test for bravo (lib/big.py)', 'Add a test for charlie (lib/big.py)', 'Add a test for echo (lib/big.py)']);
    assert.deepEqual(first.historyCache?.sources?.functionVerdicts?.map(([file]) => file), ['lib/big.py']);
    const again = await collectLocalCandidates(repo, { git, historyCache: first.historyCache });
    assert.deepEqual(functionGaps(again.candidates).map((c) => c.id).sort(), functionGaps(first.candidates).map((c) => c.id).sort());
  });

  it('leaves out a function other code calls: a wrapper, a helper of its own file, a caller in another module', async () => {
    const repo = repos.init('callers');
    repos.commit(repo, 'start', 10, {
      'src/client.py': [pyDef('request_async', 12), 'def request(value):\n    return request_async(value)\n', pyDef('lonely_api', 12), pyDef('named_api', 3), pyDef('used_elsewhere', 12)].join('\n'),
      'src/app.py': 'from client import used_elsewhere\n\nused_elsewhere([])\n',
      'tests/test_client.py': 'from client import named_api, request\n\nnamed_api([])\nrequest([])\n',
      'README.md': 'Call lonely_api to start.\n',
    });
    const result = await collectLocalCandidates(repo, { git: repos.gateway() });
    // request_async is reached through request (tested), used_elsewhere through src/app.py; lonely_api is called by
    // nothing (the README is no caller).
    assert.deepEqual(functionGaps(result.candidates).map((c) => c.title), ['Add a test for lonely_api (src/client.py)']);
  });

  it('claims nothing once the test text passes its budget: an unread test might name the function', async () => {
    const repo = repos.init('budget');
    repos.write(repo, {
      'src/mod.py': [pyDef('unnamed'), pyDef('named_one', 2)].join('\n'),
      'tests/test_mod.py': `from mod import named_one\n\nnamed_one([])\n${'# padding\n'.repeat(50)}`,
    });
    const tracked = ['src/mod.py', 'tests/test_mod.py'];
    const inputs = (maxTestChars?: number): FunctionGapInputs => ({
      git: repos.gateway(), repoRoot: repo, index: new TestFileIndex(tracked), tracked: new Set(tracked),
      testedBy: async () => ({ kind: 'name', testFile: 'tests/test_mod.py' }), ...(maxTestChars ? { maxTestChars } : {}),
    });
    const changed = [{ file: 'src/mod.py', churn: 2, fixCommits: 0 }];
    assert.deepEqual((await untestedFunctionCandidates(changed, inputs())).candidates.map((c) => c.title), ['Add a test for unnamed (src/mod.py)']);
    const cut = await untestedFunctionCandidates(changed, inputs(100));
    assert.deepEqual(cut.candidates, []);
    assert.equal(cut.verdicts.get('src/mod.py'), null);
  });

  it('keeps to MAX_FUNCTION_TASKS in all, the most valuable first', async () => {
    const repo = repos.init('many');
    const files: Record<string, string> = {};
    for (let i = 0; i < 8; i++) {
      files[`lib/m${i}.py`] = [pyDef(`first_${i}`, 10 + i), pyDef(`second_${i}`, 10), pyDef(`named_${i}`, 2)].join('\n');
      files[`tests/test_m${i}.py`] = `named_${i}()\n`;
    }
    repos.write(repo, files);
    const tracked = Object.keys(files);
    const found = await untestedFunctionCandidates(
      Array.from({ length: 8 }, (_, i) => ({ file: `lib/m${i}.py`, churn: 1 + i, fixCommits: 0 })),
      { git: repos.gateway(), repoRoot: repo, index: new TestFileIndex(tracked), tracked: new Set(tracked), testedBy: async (file) => ({ kind: 'name', testFile: file.replace('lib/', 'tests/test_') }) },
    );
    assert.equal(found.candidates.length, 10, '16 functions found, 10 kept');
    assert.equal(found.candidates[0]!.title, 'Add a test for first_7 (lib/m7.py)', 'the riskiest file first');
  });
});
