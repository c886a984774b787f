import type { GitHistory } from '../../adapters/gitHistory';
import type { GitGateway } from '../../adapters/gitProcess';
import type { LocalCalendar } from '../../core/ports';
import type { OutputLog } from '../outputLog';
import type { RepoResolver } from '../repoResolver';

/** What reading drift needs (adapters/driftReport per trusted workspace repository): What Changed and the dashboard's drift map. */
export interface DriftSources {
  readonly resolver: RepoResolver;
  readonly history: GitHistory;
  readonly git: GitGateway;
  readonly calendar: LocalCalendar;
  readonly now: () => number;
  /** handsOn.authorEmails, read when drift is read. */
  readonly authorEmails: () => readonly string[];
  readonly log: OutputLog;
}
