import * as vscode from 'vscode';
import { elapsedMinutes, extendFocus, finishFocus, minutesLeft, startFocus, type FocusBranch, type FocusSession } from '../../core/focus';
import type { Task } from '../../core/tasks';
import { Disposable } from '../lifecycle';
import type { FinishedTasks } from './finishedTasks';

const SESSION_KEY = 'handsOn.focusSession';
const TICK_MS = 15_000;

export type FocusEnd = 'keepGoing' | 'stash' | 'done' | 'draftPull' | 'dismissed';

/**
 * The focus timer of the task being worked on. It lives in the one status bar item (the caller
 * renders `view()`), survives a window reload through workspaceState, and when it runs out asks
 * once what to do next. Finishing records the real minutes, which calibrate later estimates.
 */
export class FocusTimer extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private session: FocusSession | undefined;
  private askedAtEnd = false;

  constructor(
    private readonly state: vscode.Memento,
    private readonly finished: FinishedTasks,
    private readonly now: () => number,
    private readonly askAtEnd: (session: FocusSession) => Promise<FocusEnd>,
  ) {
    super();
    this.session = state.get<FocusSession>(SESSION_KEY);
    const timer = setInterval(() => this.tick(), TICK_MS);
    this._register({ dispose: () => clearInterval(timer) });
  }

  /** What the status bar shows, or undefined with no timer running. */
  view(): { title: string; minutesLeft: number } | undefined {
    return this.session && { title: this.session.title, minutesLeft: minutesLeft(this.session, this.now()) };
  }

  get current(): FocusSession | undefined {
    return this.session;
  }

  async start(task: Task, branch?: FocusBranch): Promise<void> {
    await this.save(startFocus(task, this.now(), branch));
  }

  async keepGoing(minutes: number): Promise<void> {
    if (this.session) {
      await this.save(extendFocus(this.session, minutes, this.now()));
    }
  }

  /** Ends the session; `done` records the minutes it took for calibration. */
  async stop(done: boolean): Promise<number | undefined> {
    const session = this.session;
    if (!session) {
      return undefined;
    }
    const now = this.now();
    const record = done ? finishFocus(session, now) : undefined;
    if (record) {
      await this.finished.add(record);
    }
    await this.save(undefined);
    return elapsedMinutes(session, now);
  }

  /** Re-checks the countdown now (the periodic tick does this every 15 s). */
  tick(): void {
    const session = this.session;
    if (!session) {
      return;
    }
    this.changed.fire();
    if (!this.askedAtEnd && minutesLeft(session, this.now()) === 0) {
      this.askedAtEnd = true;
      void this.askAtEnd(session);
    }
  }

  private async save(session: FocusSession | undefined): Promise<void> {
    this.session = session;
    this.askedAtEnd = false;
    await this.state.update(SESSION_KEY, session);
    this.changed.fire();
  }
}
