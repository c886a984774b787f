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
    assert.ok(page.includes('You last committed here 5 days ago. Since then: 1 commits by 1 people.'));
    assert.ok(page.includes('(The history was cut at its limit: there may be more.)'));
    assert.ok(page.includes('| src/\\[x\\] | 1 | Eve \\*bold\\* (1) | [aaaaaaa](https://github.com/o/shop/commit/' + 'a'.repeat(40) + ') |'));
    assert.ok(page.includes('- [src/\\[x\\]/a\\|b.ts](file:///repos/shop/src/[x]/a|b.ts) · [aaaaaaa]'));
  });

  it('a workspace with no repository', () => {
    assert.match(renderWhatChanged([], NOW, text), /No git repository in this workspace/);
  });
});
