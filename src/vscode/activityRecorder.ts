import * as vscode from 'vscode';
import { ActivityTracker } from '../core/activity';
import type { ActivityInterval } from '../core/model';
import type { ActivityStore, Clock, LocalCalendar } from '../core/ports';
import { Disposable } from './lifecycle';
import type { OutputLog } from './outputLog';

const FLUSH_EVERY_MS = 30_000;
/**
 * The open interval is re-written under its id as it grows. Writing it on every flush would store
 * an hour of coding 120 times; this bounds that to ~12 lines, at the cost of at most this much
 * time lost to a crash (closed intervals are always written at the next flush).
 */
const OPEN_REWRITE_GROWTH_MS = 5 * 60_000;
/** Unsaved intervals kept while the disk refuses writes; far more than a day of work. */
const MAX_UNSAVED = 20_000;

export interface ActivityRecorderOptions {
  readonly store: ActivityStore;
  readonly clock: Clock;
  readonly calendar: LocalCalendar;
  readonly windowId: string;
  readonly idleTimeoutMinutes: number;
  readonly log: OutputLog;
  /** Told about every interval drained, saved or not, so figures stay live even when the disk fails. */
  readonly onIntervals: (intervals: readonly ActivityInterval[]) => void;
  /** Told once per failure streak that writing failed. */
  readonly onWriteFailure: (error: unknown) => void;
  /** The log file's slot lease (adapters/windowSlot.ts): renewed every periodic flush, released after `close()`. */
  readonly lease?: { heartbeat(): Promise<void>; release(): Promise<void> };
}

/**
 * Feeds editor activity to the core tracker and persists what it produces: buffered, at most every
 * 30 s and on dispose. A failed write keeps the intervals and retries on the next flush, so nothing
 * recorded is lost to a full or read-only disk.
 */
export class ActivityRecorder extends Disposable {
  private readonly tracker: ActivityTracker;
  private readonly unsaved = new Map<string, ActivityInterval>();
  /** End last queued for writing, per id of the open interval. */
  private openQueuedEnd: { id: string; end: number } | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private paused = false;
  private failing = false;

  constructor(private readonly options: ActivityRecorderOptions) {
    super();
    this.tracker = new ActivityTracker({
      windowId: options.windowId,
      idleTimeoutMs: options.idleTimeoutMinutes * 60_000,
      calendar: options.calendar,
    });
    const timer = setInterval(() => void this.flush().then(() => options.lease?.heartbeat()), FLUSH_EVERY_MS);
    this._register({ dispose: () => clearInterval(timer) });
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** The per-event path: O(1), no I/O. */
  record(repo: string, language: string): void {
    if (!this.paused) {
      this.tracker.record(this.options.clock.now(), repo, language);
    }
  }

  setIdleTimeoutMinutes(minutes: number): void {
    this.tracker.setIdleTimeout(minutes * 60_000);
  }

  /** Pausing closes the open interval, so no time accrues until resumed. */
  setPaused(paused: boolean): Promise<void> {
    this.paused = paused;
    if (paused) {
      this.tracker.close(this.options.clock.now());
    }
    return this.flush();
  }

  /** Drains the tracker and appends to this window's log; serialised so appends never interleave. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.flushOnce());
    return this.flushing;
  }

  /** Closes the open interval and writes everything, then frees the log's slot; used on deactivate. */
  async close(): Promise<void> {
    this.tracker.close(this.options.clock.now());
    await this.flush();
    await this.options.lease?.release();
  }

  private async flushOnce(): Promise<void> {
    const drained = this.tracker.drain(this.options.clock.now());
    const openId = this.tracker.openIntervalId;
    for (const interval of drained) {
      if (interval.id === openId) {
        const queued = this.openQueuedEnd?.id === openId ? this.openQueuedEnd.end : undefined;
        if (queued !== undefined && interval.end - queued < OPEN_REWRITE_GROWTH_MS) {
          continue;
        }
        this.openQueuedEnd = { id: openId, end: interval.end };
      }
      this.unsaved.set(interval.id, interval);
    }
    if (drained.length > 0) {
      this.options.onIntervals(drained);
    }
    if (this.unsaved.size === 0) {
      return;
    }
    const batch = [...this.unsaved.values()];
    try {
      await this.options.store.append(batch);
      for (const interval of batch) {
        if (this.unsaved.get(interval.id) === interval) {
          this.unsaved.delete(interval.id);
        }
      }
      if (this.failing) {
        this.failing = false;
        this.options.log.info(vscode.l10n.t('Activity data is being saved again.'));
      }
    } catch (error) {
      this.options.log.error(vscode.l10n.t('Could not save activity data; it is kept in memory and retried'), error);
      if (!this.failing) {
        this.failing = true;
        this.options.onWriteFailure(error);
      }
      this.dropOldestBeyondCap();
    }
  }

  private dropOldestBeyondCap(): void {
    const excess = this.unsaved.size - MAX_UNSAVED;
    if (excess > 0) {
      const oldest = [...this.unsaved.keys()].slice(0, excess);
      oldest.forEach((id) => this.unsaved.delete(id));
      this.options.log.error(vscode.l10n.t('Dropped {0} unsaved intervals: the disk has refused writes for too long.', excess));
    }
  }
}
