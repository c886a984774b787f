import assert from 'node:assert/strict';
import { computeDrift } from '../../../src/core/drift';
import type { DriftCommit } from '../../../src/core/drift';
import { renderWhatChanged } from '../../../src/vscode/drift/whatChangedPage';
import type { PageText } from '../../../src/vscode/drift/whatChangedPage';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 9, 10);
/** `vscode.l10n.t` without a bundle, and a recognisable link. */
const text: PageText = {
  t: (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])),
  fileUri: (file) => `file://${file}`,
};

describe('vscode/drift/whatChangedPage: the page, rendered without VS Code', () => {
  it('escapes names from other people’s commits, links files and commits, and says when the history was cut', () => {
    const commits: DriftCommit[] = [
      { sha: 'a'.repeat(40), authorEmail: 'x@example.com', authorName: 'Eve *bold*', time: NOW - 2 * DAY, files: [{ path: 'src/[x]/a|b.ts', change: 'A' }] },
      { sha: 'b'.repeat(40), authorEmail: 'lead@example.com', authorName: 'Lead', time: NOW - 5 * DAY, files: [{ path: 'src/api/a.ts', change: 'M' }] },
    ];
    const report = computeDrift({ commits, myEmails: ['lead@example.com'], now: NOW, today: '2026-03-09' });
    const page = renderWhatChanged([{ root: '/repos/shop', report, truncated: true, webUrl: 'https://github.com/o/shop' }], NOW, text);

    assert.match(page, /^# What Changed Since I Last Coded\n/);
    assert.ok(page.includes('You last committed here 5 days ago. Since then: 1 commit by 1 person.'));
    assert.ok(page.includes('(The history was cut at its limit: there may be more.)'));
    assert.ok(page.includes('| src/\\[x\\] | 1 | Eve \\*bold\\* (1) | [aaaaaaa](https://github.com/o/shop/commit/' + 'a'.repeat(40) + ') |'));
    assert.ok(page.includes('- [src/\\[x\\]/a\\|b.ts](file:///repos/shop/src/[x]/a|b.ts) · [aaaaaaa]'));
  });

  it('names the three busiest authors of an area and counts the rest, and counts new files past the list', () => {
    const mine: DriftCommit = { sha: 'f'.repeat(40), authorEmail: 'lead@example.com', authorName: 'Lead', time: NOW - 30 * DAY, files: [{ path: 'README.md', change: 'M' }] };
    const commits: DriftCommit[] = Array.from({ length: 12 }, (_, i) => ({
      sha: String(i).padStart(40, '0'),
      authorEmail: `dev${i % 5}@example.com`,
      authorName: `Dev ${i % 5}`,
      time: NOW - (i + 1) * DAY,
      files: [{ path: `billing/file${i}.ts`, change: 'A' }],
    }));
    const report = computeDrift({ commits: [...commits, mine], myEmails: ['lead@example.com'], now: NOW, today: '2026-03-09' });
    const page = renderWhatChanged([{ root: '/repos/shop', report, truncated: false }], NOW, text);
    // 12 commits by 5 people: Dev 0 and Dev 1 have 3 each, Dev 2, 3 and 4 have 2 each (ties by name).
    assert.match(page, /\| billing \| 12 \| Dev 0 \(3\), Dev 1 \(3\), Dev 2 \(2\) and 2 more \|/);
    const newFiles = page.split('### New files')[1]!.split('###')[0]!;
    assert.equal(newFiles.match(/^- \[billing\/file\d+\.ts\]/gm)?.length, 10);
    assert.match(newFiles, /^- and 2 more$/m);
  });

  it('a workspace with no repository', () => {
    assert.match(renderWhatChanged([], NOW, text), /No git repository in this workspace/);
  });
});
