/**
 * One repository's drift report, read the way both "What Changed Since I Last Coded" and the dashboard's drift map
 * need it: the user's emails (git `user.email` plus handsOn.authorEmails), the bounded history since their last
 * commit or the churn window (driftHistory), core/drift over it, and the last touches older than what was read.
 * Runs git: call it for trusted workspace roots only.
 */
import { computeDrift, withLastTouches, type DriftReport } from '../core/drift';
import type { LocalDay } from '../core/model';
import { parseGitHubRemotes } from '../core/githubRemote';
import type { CommitHistory } from '../core/ports';
import { lastTouches, readDriftHistory } from './driftHistory';
import type { GitGateway } from './gitProcess';
import { readRemotes } from './gitRemotes';

export interface DriftReportOptions {
  /** handsOn.authorEmails: addresses besides the repository's `user.email`. */
  readonly authorEmails: readonly string[];
  readonly now: number;
  readonly today: LocalDay;
}

export interface RepositoryDriftReport {
  readonly report: DriftReport;
  /** The commit cap stopped the walk before it reached back far enough. */
  readonly truncated: boolean;
}

export async function readDriftReport(
  git: GitGateway,
  history: Pick<CommitHistory, 'userEmail'>,
  root: string,
  options: DriftReportOptions,
): Promise<RepositoryDriftReport> {
  const own = await history.userEmail(root);
  const myEmails = [...(own ? [own] : []), ...options.authorEmails];
  const read = await readDriftHistory(git, root, { myEmails, now: options.now });
  const report = computeDrift({ ...read, myEmails, now: options.now, today: options.today });
  // Rows the commits read already answer need no more git; the others are asked of the older history only.
  const unanswered = report.driftMap.filter((row) => row.myLastTouch === undefined).map((row) => row.dir);
  const touched = await lastTouches(git, root, unanswered, { myEmails, from: read.olderFrom });
  return { report: withLastTouches(report, touched), truncated: read.truncated };
}

/**
 * "What Changed" for one repository: its drift report, and the GitHub page its commits link to
 * (`https://github.com/owner/name`, when a remote is on github.com). The remotes are only for links: they are read
 * alongside the history rather than after it, and a failure to read them only costs the links.
 */
export async function readWhatChanged(
  git: GitGateway,
  history: Pick<CommitHistory, 'userEmail'>,
  root: string,
  options: DriftReportOptions,
): Promise<RepositoryDriftReport & { readonly webUrl?: string }> {
  const remotes = readRemotes(git, root).catch(() => '');
  const drift = await readDriftReport(git, history, root, options);
  const [github] = parseGitHubRemotes(await remotes, 'https://github.com');
  return github ? { ...drift, webUrl: `https://github.com/${github.owner}/${github.name}` } : drift;
}
