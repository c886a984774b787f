import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { accountKey, GitHubCache } from '../../../../src/adapters/github/etagCache';
import { SavedGitHubResultsStore } from '../../../../src/adapters/github/savedResults';
import type { TaskCandidate } from '../../../../src/core/tasks';

const BUG: TaskCandidate = {
  id: 'bug:o/a#2', title: 'Crash <script>alert(1)</script>', repo: 'o/a', number: 2, url: 'https://github.com/o/a/issues/2',
  signals: { kind: 'bug', bodyLength: 10, comments: 0, labels: ['bug'], createdAt: 1, assignees: [], hasLinkedPullRequest: false, inCurrentMilestone: false },
};

describe('adapters/github/savedResults: the last GitHub results on disk, per account', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'hands-on-saved-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const me = accountKey('https://api.github.com', 'lead');
  const other = accountKey('https://api.github.com', 'someone-else');

  it('round-trips the results, their time and the ETag cache; no token or login in the file', async () => {
    const store = new SavedGitHubResultsStore(dir);
    const cache = GitHubCache.empty(me);
    cache.set('etag:GET /x []', { etag: '"abc"', value: [1], at: 5 });
    assert.equal(await store.save({ candidates: [BUG], asOf: 1234, cache }), true);
    const loaded = await store.load(me);
    assert.deepEqual(loaded?.candidates, [BUG]);
    assert.equal(loaded?.asOf, 1234);
    assert.equal(loaded?.cache.get('etag:GET /x []')?.etag, '"abc"');
    const [file] = readdirSync(dir);
    assert.ok(!readFileSync(path.join(dir, file!), 'utf8').includes('lead'), 'the login is in the file');
  });

  it('never hands one account another account’s results', async () => {
    const store = new SavedGitHubResultsStore(dir);
    await store.save({ candidates: [BUG], asOf: 1, cache: GitHubCache.empty(me) });
    assert.equal(await store.load(other), undefined);
    // Even a file renamed to the other account's name is refused: the account inside must match.
    const [file] = readdirSync(dir);
    writeFileSync(path.join(dir, `github-${other}.json`), readFileSync(path.join(dir, file!)));
    assert.equal(await store.load(other), undefined);
  });

  it('a corrupt, truncated or hand-edited file reads as nothing saved, keeping the valid entries only', async () => {
    const store = new SavedGitHubResultsStore(dir);
    const file = path.join(dir, `github-${me}.json`);
    writeFileSync(file, '{"version":1,"account":"');
    assert.equal(await store.load(me), undefined);
    writeFileSync(file, JSON.stringify({ version: 1, account: me, asOf: 7, candidates: [BUG, { id: 3 }, null, { ...BUG, signals: { kind: 'todo' } }], cache: 'nonsense' }));
    const loaded = await store.load(me);
    assert.deepEqual(loaded?.candidates.map((c) => c.id), [BUG.id]);
    assert.equal(loaded?.cache.size, 0);
  });

  it('a disk that refuses writes reports false and leaves no temp file', async () => {
    const store = new SavedGitHubResultsStore(path.join(dir, 'blocked'));
    writeFileSync(path.join(dir, 'blocked'), 'a file where the folder should be');
    assert.equal(await store.save({ candidates: [], asOf: 1, cache: GitHubCache.empty(me) }), false);
    assert.deepEqual(readdirSync(dir), ['blocked']);
  });
});
