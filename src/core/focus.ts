/**
 * A focus session: one task, a countdown from its estimate, and the minutes it really took, which
 * feed the calibration of later estimates. Pure data and arithmetic.
 */
import type { FinishedTask } from './calibration';
import type { Task, TaskKind } from './tasks';

export interface FocusSession {
  readonly taskId: string;
  readonly kind: TaskKind;
  readonly title: string;
  /** The task's repository: a local root for local tasks, `owner/name` for GitHub ones. */
  readonly repo: string;
  /** The estimate before calibration: what calibration compares actual minutes with. */
  readonly baseEstimateMinutes: number;
  readonly startedAt: number;
  /** When the countdown reaches zero; "keep going" moves it. */
  readonly endsAt: number;
  /** Minutes spent in earlier stretches of the same task, when it was resumed. */
  readonly priorMinutes: number;
  /** Issue or PR number, for GitHub tasks. */
  readonly number?: number;
  /** Set by Pick Up a Bug: the branch it made, so the end of the timer can offer a draft PR from it. */
  readonly branch?: FocusBranch;
}

export interface FocusBranch {
  /** The local clone's root. */
  readonly root: string;
  readonly name: string;
  /** The clone's remote for the GitHub repository, e.g. `origin`. */
  readonly remote: string;
  /** The branch it was made from on GitHub: the draft PR's base. */
  readonly base: string;
}

export function startFocus(task: Pick<Task, 'id' | 'kind' | 'title' | 'repo' | 'estimateMinutes' | 'baseEstimateMinutes' | 'number'>, now: number, branch?: FocusBranch): FocusSession {
  return {
    ...(task.number !== undefined && { number: task.number }),
    ...(branch && { branch }),
    taskId: task.id,
    kind: task.kind,
    title: task.title,
    repo: task.repo,
    baseEstimateMinutes: task.baseEstimateMinutes,
    startedAt: now,
    endsAt: now + task.estimateMinutes * 60_000,
    priorMinutes: 0,
  };
}

/** Whole minutes left, rounded up so "1m" shows until the very end; 0 once over. */
export function minutesLeft(session: FocusSession, now: number): number {
  return Math.max(0, Math.ceil((session.endsAt - now) / 60_000));
}

export function extendFocus(session: FocusSession, minutes: number, now: number): FocusSession {
  return { ...session, endsAt: Math.max(session.endsAt, now) + minutes * 60_000 };
}

export function elapsedMinutes(session: FocusSession, now: number): number {
  return session.priorMinutes + Math.max(0, now - session.startedAt) / 60_000;
}

/** The record calibration learns from; undefined for a session too short to mean anything. */
export function finishFocus(session: FocusSession, now: number): FinishedTask | undefined {
  const actualMinutes = elapsedMinutes(session, now);
  if (actualMinutes < 1) return undefined;
  return { kind: session.kind, title: session.title, estimateMinutes: session.baseEstimateMinutes, actualMinutes, finishedAt: now };
}
