import type * as vscode from 'vscode';

const SNOOZED_KEY = 'handsOn.tasks.snoozed';
const DISMISSED_KEY = 'handsOn.tasks.dismissed';
/** Dismissals older than this are forgotten, so the list cannot grow without bound. */
const DISMISS_KEEP_MS = 365 * 86_400_000;

/**
 * The user's snooze and dismiss choices, kept across restarts. They are a few small preferences,
 * written one at a time by a click, so globalState fits; each write re-reads the stored map first,
 * so a choice made in another window is kept rather than overwritten.
 */
export class TaskPreferences {
  constructor(
    private readonly state: vscode.Memento,
    private readonly now: () => number,
  ) {}

  snoozed(): Map<string, number> {
    return new Map(Object.entries(this.state.get<Record<string, number>>(SNOOZED_KEY, {})));
  }

  dismissed(): Set<string> {
    return new Set(Object.keys(this.state.get<Record<string, number>>(DISMISSED_KEY, {})));
  }

  async snooze(id: string, forMs: number): Promise<void> {
    const now = this.now();
    const map = Object.fromEntries(Object.entries(this.state.get<Record<string, number>>(SNOOZED_KEY, {})).filter(([, until]) => until > now));
    map[id] = now + forMs;
    await this.state.update(SNOOZED_KEY, map);
  }

  async dismiss(id: string): Promise<void> {
    const now = this.now();
    const map = Object.fromEntries(Object.entries(this.state.get<Record<string, number>>(DISMISSED_KEY, {})).filter(([, at]) => now - at < DISMISS_KEEP_MS));
    map[id] = now;
    await this.state.update(DISMISSED_KEY, map);
  }
}
