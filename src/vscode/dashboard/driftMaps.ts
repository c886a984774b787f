import * as vscode from 'vscode';
import { readDriftReport } from '../../adapters/driftReport';
import type { RepositoryDrift } from '../../core/dashboardModel';
import type { DriftSources } from '../drift/driftSources';

export type DriftMapSources = DriftSources;

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
