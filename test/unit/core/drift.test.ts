import assert from 'node:assert/strict';
import { computeDrift, withLastTouches } from '../../../src/core/drift';
import type { DriftCommit } from '../../../src/core/drift';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 9, 10);
const ME = 'lead@example.com';

let counter = 0;
function commit(daysAgo: number, email: string, files: [string, DriftCommit['files'][number]['change']][], name = email.split('@')[0]!): DriftCommit {
  return { sha: `c${++counter}`, authorEmail: email, authorName: name, time: NOW - daysAgo * DAY, files: files.map(([path, change]) => ({ path, change })) };
}

describe('core/drift: what changed since the leader last coded', () => {
  // Newest first, as git log prints them.
  const commits: DriftCommit[] = [
    commit(1, 'ana@example.com', [['billing/invoice.ts', 'A'], ['billing/package.json', 'A']]),
    commit(2, 'bo@example.com', [['package.json', 'M'], ['package-lock.json', 'M']]),
    commit(3, 'ana@example.com', [['src/api/routes.ts', 'M'], ['packages/search/package.json', 'A'], ['packages/search/index.ts', 'A']]),
    commit(4, 'Ana@Example.com', [['src/api/auth.ts', 'M']]),
    commit(6, 'LEAD@example.com', [['src/ui/button.tsx', 'M']]),
    commit(20, 'bo@example.com', [['src/api/routes.ts', 'M'], ['package.json', 'M']]),
    commit(40, ME, [['src/api/old.ts', 'M']]),
    commit(120, 'bo@example.com', [['src/legacy/x.ts', 'M']]),
  ];
  const report = computeDrift({
    commits,
    myEmails: [ME],
    now: NOW,
    today: '2026-03-09',
    lastHandsOnDay: '2026-03-03',
    topLevelAtMyLastCommit: new Set(['src', 'packages', 'package.json', 'README.md']),
  });

  it('counts commits and authors since the user’s own last commit (emails in any case)', () => {
    assert.equal(report.myLastCommitAt, NOW - 6 * DAY);
    assert.equal(report.commitsSince, 4);
    assert.deepEqual(report.authorsSince, [{ name: 'ana', commits: 3 }, { name: 'bo', commits: 1 }]);
    assert.equal(report.daysSinceHandsOn, 6);
  });

  it('names new top-level modules and new packages in a monorepo', () => {
    assert.deepEqual(report.newModules, ['billing', 'packages/search']);
  });

  it('lists each changed manifest or lock file once, newest first, only since the user’s last commit', () => {
    assert.deepEqual(report.dependencyChanges.map((d) => d.file), ['billing/package.json', 'package.json', 'package-lock.json', 'packages/search/package.json']);
    assert.equal(report.dependencyChanges.find((d) => d.file === 'package.json')?.time, NOW - 2 * DAY, 'the newest change of package.json');
  });

  it('ranks areas by the team’s commits in the last 90 days, with when the user last touched each', () => {
    assert.deepEqual(report.driftMap, [
      { dir: 'src/api', teamCommits: 3, myLastTouch: NOW - 40 * DAY },
      { dir: 'billing', teamCommits: 1 },
      { dir: 'packages/search', teamCommits: 1 },
    ]);
    assert.ok(!report.driftMap.some((row) => row.dir === 'src/legacy'), 'churn from 120 days ago is outside the window');
  });

  it('a user with no commit among those read: everything counts as since, and nothing is called new without the old tree', () => {
    const stranger = computeDrift({ commits, myEmails: ['nobody@example.com'], now: NOW, today: '2026-03-09' });
    assert.equal(stranger.myLastCommitAt, undefined);
    assert.equal(stranger.commitsSince, commits.length);
    assert.deepEqual(stranger.newModules, []);
    assert.equal(stranger.daysSinceHandsOn, undefined);
  });

  it('fills the drift map’s last touch from older history, keeping a newer one already known', () => {
    const filled = withLastTouches(report, new Map([['src/api', NOW - 300 * DAY], ['billing', NOW - 500 * DAY]])).driftMap;
    assert.equal(filled.find((r) => r.dir === 'src/api')?.myLastTouch, NOW - 40 * DAY, 'the newer touch stays');
    assert.equal(filled.find((r) => r.dir === 'billing')?.myLastTouch, NOW - 500 * DAY);
    assert.equal(filled.find((r) => r.dir === 'packages/search')?.myLastTouch, undefined);
  });

  it('groups the changes since by area with their authors, lists new files still there, and the biggest movers', () => {
    const changes = computeDrift({
      commits: [
        commit(1, 'ana@example.com', [['src/api/routes.ts', 'M'], ['src/api/tmp.ts', 'D']]),
        commit(2, 'bo@example.com', [['src/api/routes.ts', 'M'], ['README.md', 'M']]),
        commit(3, 'ana@example.com', [['src/api/routes.ts', 'A'], ['src/api/tmp.ts', 'A'], ['docs/guide.md', 'A']]),
        commit(9, ME, [['src/ui/x.ts', 'M']]),
      ],
      myEmails: [ME],
      now: NOW,
      today: '2026-03-09',
    });
    assert.deepEqual(changes.changesByArea.map((a) => [a.area, a.commits.length, a.authors.map((x) => `${x.name}:${x.commits}`).join(' ')]), [
      ['src/api', 3, 'ana:2 bo:1'],
      ['.', 1, 'bo:1'],
      ['docs', 1, 'ana:1'],
    ]);
    assert.deepEqual(changes.newFiles.map((f) => f.file), ['docs/guide.md', 'src/api/routes.ts'], 'tmp.ts came and went');
    assert.deepEqual(changes.biggestMovers[0], { file: 'src/api/routes.ts', commits: 3 });
  });

  it('cuts the biggest movers between files with as many commits by name, and reads a large commit’s areas once each', () => {
    const many = Array.from({ length: 12 }, (_, i): [string, 'M'] => [`lib/part${i % 3}/f${i}.ts`, 'M']);
    const report = computeDrift({
      commits: [
        commit(1, 'ana@example.com', [['c.ts', 'M'], ['b.ts', 'M'], ['d.ts', 'M']]),
        commit(2, 'bo@example.com', [['c.ts', 'M'], ['a.ts', 'M'], ['b.ts', 'M'], ['d.ts', 'M']]),
        commit(3, 'bo@example.com', many),
      ],
      myEmails: [ME],
      now: NOW,
      today: '2026-03-09',
      mapSize: 2,
    });
    assert.deepEqual(report.biggestMovers, [{ file: 'b.ts', commits: 2 }, { file: 'c.ts', commits: 2 }]);
    assert.deepEqual(report.changesByArea.map((a) => [a.area, a.commits.length]), [['.', 2], ['lib/part0', 1], ['lib/part1', 1], ['lib/part2', 1]]);
    assert.deepEqual(report.driftMap.map((r) => [r.dir, r.teamCommits]), [['lib/part0', 1], ['lib/part1', 1]]);
  });
});
