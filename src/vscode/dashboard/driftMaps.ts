import * as vscode from 'vscode';
import { readDriftReport } from '../../adapters/driftReport';
import type { GitHistory } from '../../adapters/gitHistory';
import type { GitGateway } from '../../adapters/gitProcess';
import type { RepositoryDrift } from '../../core/dashboardModel';
import type { LocalCalendar } from '../../core/ports';
import type { OutputLog } from '../outputLog';
import type { RepoResolver } from '../repoResolver';

export interface DriftMapSources {
  readonly resolver: RepoResolver;
  readonly history: GitHistory;
  readonly git: GitGateway;
  readonly calendar: LocalCalendar;
  readonly now: () => number;
  readonly authorEmails: () => readonly string[];
  readonly log: OutputLog;
}

/**
 * The drift map of every trusted workspace repository, read as "What Changed" reads it (adapters/driftReport).
 * A repository that cannot be read is logged and left out; the others still show.
 */
export async function readDriftMaps(sources: DriftMapSources): Promise<RepositoryDrift[]> {
  const now = sources.now();
  const today = sources.calendar.dayOf(now);
  const maps: RepositoryDrift[] = [];
  for (const root of await sources.resolver.resolveRoots()) {
    try {
      const { report } = await readDriftReport(sources.git, sources.history, root, { authorEmails: sources.authorEmails(), now, today });
      maps.push({ repo: root, rows: report.driftMap });
    } catch (error) {
      sources.log.error(vscode.l10n.t('Could not read the drift map of {0}', root), error);
    }
  }
  return maps;
}
