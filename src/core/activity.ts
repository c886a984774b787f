/**
 * Turns a stream of editor events into ActivityIntervals for one window.
 *
 * `record` runs on every keystroke, selection change and scroll, so its common path only compares
 * numbers and string references and assigns one field: no allocation, no calendar look-up, no I/O.
 * The calendar is consulted only when an interval opens, which is rare.
 *
 * Rules:
 * - an event within the idle timeout of the previous one extends the open interval to the event;
 * - a longer gap closes the interval at its last event and opens a new one at the event;
 * - a change of repo or language closes the interval at the event and opens a new one there;
 * - an interval never crosses local midnight (nor lasts longer than `maxIntervalMs`): it is split there;
 * - a clock that steps backwards by at most the idle timeout is treated as jitter (the event counts as
 *   "now"); a larger step back closes the interval and starts afresh, so no duration is ever negative.
 */
import type { ActivityInterval, LocalDay } from './model';
import type { LocalCalendar } from './ports';

export interface ActivityTrackerOptions {
  /** Unique per window (and per activation), so ids from different windows never collide. */
  readonly windowId: string;
  readonly idleTimeoutMs: number;
  readonly calendar: LocalCalendar;
  /** Upper bound for one interval, so a runaway event source cannot produce a single huge record. */
  readonly maxIntervalMs?: number;
}

export class ActivityTracker {
  private readonly windowId: string;
  private readonly calendar: LocalCalendar;
  private readonly maxIntervalMs: number;
  private idleTimeoutMs: number;

  private seq = 0;
  private closed: ActivityInterval[] = [];

  // The open interval, kept as flat fields (not an object) so extending it allocates nothing.
  private isOpen = false;
  private openId = '';
  private openStart = 0;
  private openEnd = 0;
  private openRepo = '';
  private openLanguage = '';
  private openDay: LocalDay = '';
  private openOffset = 0;
  /** min(next local midnight, start + maxIntervalMs): the open interval must be split here. */
  private openLimit = 0;

  // Cache of the local day last looked up, so opening many intervals in one day costs no calendar call.
  private cachedDay: LocalDay = '';
  private cachedDayFrom = Number.POSITIVE_INFINITY;
  private cachedDayUntil = Number.NEGATIVE_INFINITY;

  /** NaN until the first event: a number field that always holds a number stays unboxed in V8. */
  private lastEventAt = Number.NaN;

  constructor(options: ActivityTrackerOptions) {
    this.windowId = options.windowId;
    this.calendar = options.calendar;
    this.idleTimeoutMs = validTimeout(options.idleTimeoutMs);
    this.maxIntervalMs = options.maxIntervalMs !== undefined && options.maxIntervalMs > 0 ? options.maxIntervalMs : Number.POSITIVE_INFINITY;
  }

  /** Records one editor event. O(1) time and memory; allocation-free when it extends the open interval. */
  record(at: number, repo: string, language: string): void {
    if (
      this.isOpen &&
      at >= this.openEnd &&
      at - this.openEnd <= this.idleTimeoutMs &&
      at <= this.openLimit &&
      repo === this.openRepo &&
      language === this.openLanguage
    ) {
      this.openEnd = at;
      this.lastEventAt = at;
      return;
    }
    this.recordSlow(at, repo, language);
  }

  /**
   * Intervals to persist: every interval closed since the last drain, plus a snapshot of the open one up to
   * its last event. The open one keeps its id, so writing it again later is idempotent (readers keep the
   * longest end per id). An open interval idle for longer than the timeout at `now` is closed first.
   * Zero-length intervals (a lone event) are left out: they hold no time.
   */
  drain(now: number): ActivityInterval[] {
    this.expireIfIdle(now);
    const out = this.pendingIntervals();
    this.closed = [];
    return out;
  }

  /**
   * What `drain` would return, without consuming it. The UI merges this with stored intervals (through
   * `dayTotals`, which de-duplicates ids) to show live minutes before the next flush.
   */
  peek(now: number): ActivityInterval[] {
    this.expireIfIdle(now);
    return this.pendingIntervals();
  }

  /**
   * Closes the open interval (pause, focus loss, deactivate). The user was present until `now` if `now` is
   * within the idle timeout of the last event, so the interval is extended to `now` in that case.
   */
  close(now: number): void {
    if (!this.isOpen) return;
    if (now > this.openEnd && now - this.openEnd <= this.idleTimeoutMs) this.extendTo(now);
    this.closeOpen();
  }

  setIdleTimeout(idleTimeoutMs: number): void {
    this.idleTimeoutMs = validTimeout(idleTimeoutMs);
  }

  /** Id of the interval still growing, if any; its snapshots are re-drained under the same id. */
  get openIntervalId(): string | undefined {
    return this.isOpen ? this.openId : undefined;
  }

  /** Epoch ms of the last recorded event, for "time since you last coded". */
  get lastActivityAt(): number | undefined {
    return Number.isNaN(this.lastEventAt) ? undefined : this.lastEventAt;
  }

  private recordSlow(at: number, repo: string, language: string): void {
    this.lastEventAt = at;
    if (!this.isOpen) {
      this.open(at, repo, language);
      return;
    }
    if (at < this.openEnd) {
      if (this.openEnd - at > this.idleTimeoutMs) {
        // The clock was set back: the old interval stays as it was and tracking starts afresh.
        this.closeOpen();
        this.open(at, repo, language);
        return;
      }
      at = this.openEnd; // jitter: treat the event as happening at the current end
    }
    if (at - this.openEnd > this.idleTimeoutMs) {
      this.closeOpen();
      this.open(at, repo, language);
      return;
    }
    this.extendTo(at);
    if (repo !== this.openRepo || language !== this.openLanguage) {
      this.closeOpen();
      this.open(at, repo, language);
    }
  }

  /** Moves the open interval's end to `at`, splitting at midnight / max length as often as needed. */
  private extendTo(at: number): void {
    while (at > this.openLimit) {
      const limit = this.openLimit;
      const repo = this.openRepo;
      const language = this.openLanguage;
      this.openEnd = limit;
      this.closeOpen();
      this.open(limit, repo, language);
    }
    this.openEnd = at;
  }

  private open(at: number, repo: string, language: string): void {
    this.seq += 1;
    this.isOpen = true;
    this.openId = `${this.windowId}:${this.seq}`;
    this.openStart = at;
    this.openEnd = at;
    this.openRepo = repo;
    this.openLanguage = language;
    if (at < this.cachedDayFrom || at >= this.cachedDayUntil) {
      this.cachedDay = this.calendar.dayOf(at);
      this.cachedDayFrom = at;
      this.cachedDayUntil = this.calendar.nextMidnight(at);
    }
    this.openDay = this.cachedDay;
    // Looked up now, with the day, so both describe the same zone even if the zone changes later.
    this.openOffset = this.calendar.utcOffsetMinutes(at);
    this.openLimit = Math.min(this.cachedDayUntil, at + this.maxIntervalMs);
  }

  private closeOpen(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    if (this.openEnd > this.openStart) this.closed.push(this.snapshotOpen());
  }

  private expireIfIdle(now: number): void {
    if (this.isOpen && now - this.openEnd > this.idleTimeoutMs) this.closeOpen();
  }

  private snapshotOpen(): ActivityInterval {
    return {
      id: this.openId,
      start: this.openStart,
      end: this.openEnd,
      day: this.openDay,
      utcOffsetMinutes: this.openOffset,
      repo: this.openRepo,
      language: this.openLanguage,
    };
  }

  private pendingIntervals(): ActivityInterval[] {
    const out = this.closed.slice();
    if (this.isOpen && this.openEnd > this.openStart) out.push(this.snapshotOpen());
    return out;
  }
}

function validTimeout(ms: number): number {
  if (!Number.isFinite(ms) || ms <= 0) throw new RangeError(`idle timeout must be a positive number of ms, got ${ms}`);
  return ms;
}
