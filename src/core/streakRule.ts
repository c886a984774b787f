/**
 * The `handsOn.streak.rule` setting: `daily` | `weekdays` | `perWeek:N` (N from 1 to 7).
 * Bad input never throws: it falls back to the humane default, weekdays, and says so.
 */
import type { StreakRule } from './model';

export const DEFAULT_STREAK_RULE: StreakRule = { kind: 'weekdays' };

export interface ParsedStreakRule {
  readonly rule: StreakRule;
  /** False when the input was not understood and the default was used. */
  readonly valid: boolean;
  /** Set when the input was not understood and the default was used; text fit for a warning. */
  readonly error: string | undefined;
}

const PER_WEEK = /^perweek:([1-7])$/;

/** Parses a setting value. Surrounding spaces and letter case are forgiven. */
export function parseStreakRule(value: unknown): ParsedStreakRule {
  const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  if (text === 'daily') return { rule: { kind: 'daily' }, valid: true, error: undefined };
  if (text === 'weekdays') return { rule: { kind: 'weekdays' }, valid: true, error: undefined };
  const perWeek = text === undefined ? null : PER_WEEK.exec(text);
  if (perWeek) return { rule: { kind: 'perWeek', days: Number(perWeek[1]) }, valid: true, error: undefined };
  return {
    rule: DEFAULT_STREAK_RULE,
    valid: false,
    error: `Unknown streak rule ${JSON.stringify(value)}; using weekdays. Use daily, weekdays, or perWeek:N with N from 1 to 7.`,
  };
}

/** The setting string for a rule (inverse of parseStreakRule). */
export function formatStreakRule(rule: StreakRule): string {
  switch (rule.kind) {
    case 'daily':
      return 'daily';
    case 'weekdays':
      return 'weekdays';
    case 'perWeek':
      return `perWeek:${rule.days}`;
  }
}

/** Human label: "Every day", "Weekdays", "1 day a week", "3 days a week". */
export function streakRuleLabel(rule: StreakRule): string {
  switch (rule.kind) {
    case 'daily':
      return 'Every day';
    case 'weekdays':
      return 'Weekdays';
    case 'perWeek':
      return `${rule.days} ${rule.days === 1 ? 'day' : 'days'} a week`;
  }
}
