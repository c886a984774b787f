/** What every GitHub source function needs for one refresh. */
import type { LocalDay } from '../../core/model';
import type { GitHubClient } from './client';
import type { GitHubCache } from './etagCache';

export interface FetchContext {
  readonly client: GitHubClient;
  readonly cache: GitHubCache;
  /** The signed-in user's login (from the auth session). */
  readonly login: string;
  /** Epoch ms of this refresh: one instant for every decision in it. */
  readonly now: number;
  /** Local calendar day of an instant, for working-day waits (LocalCalendar.dayOf). */
  readonly dayOf: (epochMs: number) => LocalDay;
}

export const sameLogin = (a: string | undefined, b: string): boolean => a !== undefined && a.toLowerCase() === b.toLowerCase();
