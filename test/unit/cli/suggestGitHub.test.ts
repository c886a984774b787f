/**
 * `hands-on suggest` with GITHUB_TOKEN, end to end: the CLI process talks to the recorded-fixture fake GitHub
 * (test/unit/adapters/github) on 127.0.0.1 through GITHUB_API_URL, for a temp repository whose origin is the fake's repo.
 */
import { strict as assert } from 'node:assert';
import type { Task } from '../../../src/core/tasks';
import { coreHeaders, errorBody, githubHandler, ME, REPO_A, world } from '../adapters/github/fakeGitHub';
import type { Fault } from '../adapters/github/fakeGitHub';
import { clone, scenario, startServer } from '../adapters/github/fixtureServer';
import type { FixtureServer } from '../adapters/github/fixtureServer';
import { TempRepos } from '../adapters/localTasks/gitRepo';
import { tsFunction } from '../helpers/codeSamples';
import { cli } from './runCli';

/** GET /user is not recorded in @octokit/fixtures: the nearest recorded body is an issue's `user` object. */
const recordedUser = (scenario('paginate-issues')[0]!.response as Array<{ user: Record<string, unknown> }>)[0]!.user;
const userFault: Fault = (r) => (r.pathname === '/user' ? { status: 200, headers: coreHeaders(), body: { ...clone(recordedUser), login: ME } } : undefined);

/** The local repository alone yields a TODO and a test gap (src/a.ts has no test). */
const kindsOf = (stdout: string) => [...new Set((JSON.parse(stdout) as Task[]).map((t) => t.kind))].sort();

describe('CLI: hands-on suggest with GitHub (local fake)', function () {
  this.timeout(60_000);
  let repos: TempRepos;
  let server: FixtureServer;
  let repo: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    repos = new TempRepos();
    server = await startServer(githubHandler(world(Date.now()), userFault));
    repo = repos.init('project');
    repos.commit(repo, 'start', 10, { 'src/a.ts': `// TODO: tidy this\n${tsFunction('a')}` });
    const origin = new URL(`/${REPO_A.owner}/${REPO_A.name}.git`, server.baseUrl).href;
    repos.git(repo, ['remote', 'add', 'origin', origin]);
    // The Actions convention, without /api/v3: the normaliser adds it (the fake strips it).
    env = { GITHUB_TOKEN: 'gho_test', GITHUB_API_URL: server.baseUrl.replace(/\/api\/v3$/, '') };
  });
  afterEach(async () => {
    await server.close();
    repos.dispose();
  });

  it('merges review and bug tasks of the origin repository with the local TODOs', async () => {
    const result = await cli(['suggest', '--repo', repo, '--json'], env);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    const tasks = JSON.parse(result.stdout) as Task[];
    const kinds = new Set(tasks.map((t) => t.kind));
    assert.ok(kinds.has('todo') && kinds.has('review') && kinds.has('bug'), tasks.map((t) => `${t.kind}:${t.title}`).join('\n'));
    assert.ok(tasks.some((t) => t.kind === 'review' && t.url === `https://github.com/${REPO_A.owner}/${REPO_A.name}/pull/21`));
    const seen = server.seen.map((r) => r.pathname);
    assert.equal(seen[0], '/user', 'login first');
    assert.ok(seen.includes(`/repos/${REPO_A.owner}/${REPO_A.name}/issues`), 'the origin remote was asked for bugs');
    const issues = server.seen.find((r) => r.pathname.endsWith('/issues'))!;
    assert.equal(issues.headers['if-none-match'], undefined, 'no cache: a fresh run never sends an ETag');
  });

  it('--bug-labels and --include-team-reviews reach GitHub', async () => {
    const result = await cli(['suggest', '--repo', repo, '--json', '--bug-labels', 'question', '--include-team-reviews'], env);
    assert.equal(result.code, 0, result.stderr);
    const bugs = (JSON.parse(result.stdout) as Task[]).filter((t) => t.kind === 'bug');
    assert.deepEqual(bugs.map((t) => t.url), [`https://github.com/${REPO_A.owner}/${REPO_A.name}/issues/7`], 'only the "question" issue');
    assert.match(server.seen.find((r) => r.pathname === '/search/issues')!.query.get('q')!, / review-requested:@me$/);
  });

  it('a 401: one stderr line, the local tasks still printed, exit 0', async () => {
    server.handler = () => ({ status: 401, headers: coreHeaders(), body: errorBody('Bad credentials') });
    const result = await cli(['suggest', '--repo', repo, '--json'], env);
    assert.equal(result.code, 0);
    assert.match(result.stderr, /^GitHub: GITHUB_TOKEN was refused \(401\)[^\n]*\n$/);
    assert.deepEqual(kindsOf(result.stdout), ['testGap', 'todo']);
  });

  it('a rate limit names the time requests resume; an unreachable server says so', async () => {
    const reset = Date.now() + 30 * 60_000;
    server.handler = () => ({ status: 403, headers: coreHeaders(0, reset), body: errorBody('API rate limit exceeded') });
    const limited = await cli(['suggest', '--repo', repo, '--json'], env);
    const d = new Date(Math.floor(reset / 1000) * 1000);
    const hhmm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    assert.equal(limited.code, 0);
    assert.equal(limited.stderr, `GitHub: rate limit reached; showing local tasks only until ${hhmm}.\n`);

    server.handler = () => 'reset';
    const offline = await cli(['suggest', '--repo', repo, '--json'], env);
    assert.equal(offline.code, 0);
    assert.equal(offline.stderr, 'GitHub unreachable; showing local tasks only.\n');
    assert.deepEqual(kindsOf(offline.stdout), ['testGap', 'todo']);
  });

  it('no GITHUB_TOKEN: no GitHub request at all', async () => {
    const result = await cli(['suggest', '--repo', repo, '--json'], { GITHUB_API_URL: env.GITHUB_API_URL });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.deepEqual(kindsOf(result.stdout), ['testGap', 'todo']);
    assert.equal(server.seen.length, 0);
  });

  it('an http:// GitHub URL off loopback is refused before any token is sent', async () => {
    const result = await cli(['suggest', '--repo', repo, '--json', '--github-url', 'http://ghe.example.com'], env);
    assert.equal(result.code, 0);
    assert.match(result.stderr, /^GitHub: .*uses http:\/\/.*Showing local tasks only\.\n$/);
    assert.equal(server.seen.length, 0);
  });
});
