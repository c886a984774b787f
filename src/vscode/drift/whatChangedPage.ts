import * as path from 'path';
import type { DriftReport } from '../../core/drift';
import { escapeMarkdownCell, timeAgoText } from '../markdownText';
import type { Translate } from '../markdownText';

/** Rows per list: the page is read between meetings, not audited. */
const LIST_ROWS = 10;
/** Authors named per area in the By area table. */
const AUTHORS_PER_AREA = 3;

export interface RepositoryChanges {
  readonly root: string;
  readonly report: DriftReport;
  /** `https://github.com/owner/name` when the repository has such a remote: commits link there. */
  readonly webUrl?: string;
  /** The commit cap stopped the walk: the figures are a lower bound. */
  readonly truncated: boolean;
}

/** What the page needs from the editor, passed in so the renderer runs without it (unit tests, the bench). */
export interface PageText {
  /** `vscode.l10n.t`. */
  readonly t: Translate;
  /** The link that opens an absolute path: `vscode.Uri.file(p).toString()`. */
  readonly fileUri: (absolutePath: string) => string;
}

/**
 * "What Changed Since I Last Coded" as Markdown, one section per repository. Paths, names and areas come from
 * other people's commits, so every one is escaped; links point at the file on disk or the commit on GitHub.
 */
export function renderWhatChanged(repositories: readonly RepositoryChanges[], now: number, text: PageText): string {
  const { t } = text;
  const lines = [`# ${t('What Changed Since I Last Coded')}`, ''];
  if (repositories.length === 0) {
    lines.push(t('No git repository in this workspace (or it is not trusted), so there is nothing to compare.'));
  }
  for (const repo of repositories) lines.push(...section(repo, now, text), '');
  return lines.join('\n');
}

function section({ root, report, webUrl, truncated }: RepositoryChanges, now: number, { t, fileUri }: PageText): string[] {
  const timeAgo = (ms: number) => timeAgoText(ms, t);
  const file = (relative: string) => `[${escapeMarkdownCell(relative)}](${fileUri(path.join(root, relative))})`;
  const commit = (sha: string) => (webUrl ? `[${sha.slice(0, 7)}](${webUrl}/commit/${sha})` : `\`${sha.slice(0, 7)}\``);
  const lines = [`## ${escapeMarkdownCell(path.basename(root))}`, ''];
  const commits = (n: number) => (n === 1 ? t('1 commit') : t('{0} commits', n));
  const people = report.authorsSince.length === 1 ? t('1 person') : t('{0} people', report.authorsSince.length);
  lines.push(
    report.myLastCommitAt === undefined
      ? t('You have no commit in the history read. Recent work: {0} by {1}.', commits(report.commitsSince), people)
      : report.commitsSince === 0
        ? t('You last committed here {0}. Nothing has changed since.', timeAgo(now - report.myLastCommitAt))
        : t('You last committed here {0}. Since then: {1} by {2}.', timeAgo(now - report.myLastCommitAt), commits(report.commitsSince), people),
  );
  if (truncated) lines.push('', t('(The history was cut at its limit: there may be more.)'));
  if (report.commitsSince === 0) return lines;

  if (report.newModules.length > 0) {
    lines.push('', `### ${t('New modules')}`, '', ...report.newModules.map((m) => `- ${escapeMarkdownCell(m)}`));
  }
  if (report.dependencyChanges.length > 0) {
    lines.push('', `### ${t('Dependency changes')}`, '', ...report.dependencyChanges.slice(0, LIST_ROWS).map((d) => `- ${file(d.file)} · ${commit(d.sha)} · ${timeAgo(now - d.time)}`));
  }
  lines.push('', `### ${t('By area')}`, '', `| ${t('Area')} | ${t('Commits')} | ${t('Authors')} | ${t('Latest')} |`, '|---|---:|---|---|');
  for (const area of report.changesByArea.slice(0, LIST_ROWS)) {
    // The busiest few say who to ask; a dozen names in a cell say nothing.
    const named = area.authors.slice(0, AUTHORS_PER_AREA).map((a) => `${escapeMarkdownCell(a.name)} (${a.commits})`);
    const others = area.authors.length - named.length;
    const authors = others > 0 ? `${named.join(', ')} ${t('and {0} more', others)}` : named.join(', ');
    lines.push(`| ${escapeMarkdownCell(area.area)} | ${area.commits.length} | ${authors} | ${commit(area.commits[0]!.sha)} |`);
  }
  if (report.newFiles.length > 0) {
    lines.push('', `### ${t('New files')}`, '', ...report.newFiles.slice(0, LIST_ROWS).map((f) => `- ${file(f.file)} · ${commit(f.sha)}`));
    if (report.newFiles.length > LIST_ROWS) lines.push(`- ${t('and {0} more', report.newFiles.length - LIST_ROWS)}`);
  }
  if (report.biggestMovers.length > 0) {
    lines.push('', `### ${t('Biggest movers')}`, '', ...report.biggestMovers.slice(0, LIST_ROWS).map((m) => `- ${file(m.file)} · ${commits(m.commits)}`));
  }
  if (report.driftMap.length > 0) {
    lines.push('', `### ${t('Where the team has been busy (90 days)')}`, '', `| ${t('Area')} | ${t('Team commits')} | ${t('You last touched it')} |`, '|---|---:|---|');
    for (const row of report.driftMap) {
      lines.push(`| ${escapeMarkdownCell(row.dir)} | ${row.teamCommits} | ${row.myLastTouch === undefined ? t('never') : timeAgo(now - row.myLastTouch)} |`);
    }
  }
  return lines;
}
