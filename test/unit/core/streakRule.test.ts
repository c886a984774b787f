import assert from 'node:assert/strict';
import { formatStreakRule, parseStreakRule, streakRuleLabel } from '../../../src/core/streakRule';

describe('streakRule', () => {
  it('parses the three setting forms', () => {
    assert.deepEqual(parseStreakRule('daily'), { rule: { kind: 'daily' }, valid: true, error: undefined });
    assert.deepEqual(parseStreakRule('weekdays').rule, { kind: 'weekdays' });
    assert.deepEqual(parseStreakRule('perWeek:3').rule, { kind: 'perWeek', days: 3 });
    assert.deepEqual(parseStreakRule('perWeek:1').rule, { kind: 'perWeek', days: 1 });
    assert.deepEqual(parseStreakRule('perWeek:7').rule, { kind: 'perWeek', days: 7 });
  });

  it('forgives surrounding spaces and letter case', () => {
    const parsed = parseStreakRule('  PerWeek:2 ');
    assert.deepEqual(parsed.rule, { kind: 'perWeek', days: 2 });
    assert.equal(parsed.valid, true);
  });

  it('falls back to weekdays with an error for anything else', () => {
    for (const bad of ['perWeek:0', 'perWeek:8', 'perWeek:', 'perWeek:3x', 'weekly', '', undefined, null, 5, { kind: 'daily' }]) {
      const parsed = parseStreakRule(bad);
      assert.deepEqual(parsed.rule, { kind: 'weekdays' }, String(bad));
      assert.equal(parsed.valid, false);
      assert.match(parsed.error ?? '', /using weekdays/);
    }
  });

  it('labels rules for people and formats them back to setting strings', () => {
    assert.equal(streakRuleLabel({ kind: 'daily' }), 'Every day');
    assert.equal(streakRuleLabel({ kind: 'weekdays' }), 'Weekdays');
    assert.equal(streakRuleLabel({ kind: 'perWeek', days: 1 }), '1 day a week');
    assert.equal(streakRuleLabel({ kind: 'perWeek', days: 3 }), '3 days a week');
    for (const text of ['daily', 'weekdays', 'perWeek:4']) assert.equal(formatStreakRule(parseStreakRule(text).rule), text);
  });
});
