import assert from 'node:assert/strict';
import type { FinishedTask } from '../../../src/core/calibration';
import { buildDashboardModel, CALENDAR_WEEKS, type DashboardInputs, MAX_TASK_ROWS, SERIES_WEEKS, shortRepoLabels } from '../../../src/core/dashboardModel';
import { dayTotals } from '../../../src/core/dayTotals';
import { addDays, weekday } from '../../../src/core/localDays';
import type { ActivityInterval, DayTotal, LocalDay, StreakRule } from '../../../src/core/model';
import { computeStreak, handsOnDays } from '../../../src/core/streak';
import { seededRandom } from '../helpers/seededRandom';
import { fixedOffsetCalendar, zoneCalendar } from '../helpers/zoneCalendar';

// March 2026: Mondays are the 2nd, 9th, 16th, 23rd and 30th. Today is Wednesday the 18th.
const TODAY = '2026-03-18';
const GOAL = 20;
const UTC = fixedOffsetCalendar(0);

function total(day: LocalDay, repos: Record<string, number> = {}, languages: Record<string, number> = {}): DayTotal {
  const minutes = Math.max(0, ...Object.values(repos));
  return { day, minutes, byRepo: new Map(Object.entries(repos)), byLanguage: new Map(Object.entries(languages)) };
}

/** Inputs as the extension passes them: hands-on days and the streak computed from the same totals and commits. */
function inputs(options: {
  totals?: DayTotal[];
  commitDays?: LocalDay[];
  rule?: StreakRule;
  freezesPerMonth?: number;
  today?: LocalDay;
  finishedTasks?: FinishedTask[];
  drift?: DashboardInputs['drift'];
  dayOf?: (ms: number) => LocalDay;
}): DashboardInputs {
  const today = options.today ?? TODAY;
  const rule = options.rule ?? { kind: 'weekdays' };
  const totals = new Map((options.totals ?? []).map((t) => [t.day, t]));
  const days = handsOnDays(totals, options.commitDays ?? [], GOAL);
  return {
    today,
    dayTotals: totals,
    handsOnDays: days,
    streak: computeStreak({ handsOnDays: days, today, settings: { rule, freezesPerMonth: options.freezesPerMonth ?? 0, dailyGoalMinutes: GOAL } }),
    rule,
    dailyGoalMinutes: GOAL,
    finishedTasks: options.finishedTasks ?? [],
    drift: options.drift,
    dayOf: options.dayOf ?? UTC.dayOf,
  };
}

function stateOf(model: ReturnType<typeof buildDashboardModel>, day: LocalDay): string | undefined {
  return model.calendar.find((c) => c.day === day)?.state;
}

describe('buildDashboardModel: with no data', () => {
  const model = buildDashboardModel({ ...inputs({}), streak: undefined });

  it('still has 12 weeks of days ending today, all at zero', () => {
    assert.equal(model.minutesPerDay.length, SERIES_WEEKS * 7);
    assert.equal(model.minutesPerDay[0]!.day, '2025-12-25');
    assert.equal(model.minutesPerDay.at(-1)!.day, TODAY);
    assert.ok(model.minutesPerDay.every((d) => d.minutes === 0));
  });

  it('has 52 Monday-to-Sunday weeks, the current one last, with no miss before any hands-on day', () => {
    assert.equal(model.calendar.length, CALENDAR_WEEKS * 7);
    assert.equal(model.calendar[0]!.day, '2025-03-24');
    assert.equal(weekday(model.calendar[0]!.day), 0);
    assert.equal(model.calendar.at(-1)!.day, '2026-03-22');
    assert.deepEqual(new Set(model.calendar.map((c) => c.state)), new Set(['noHistory', 'notRequired', 'pending', 'future']));
    assert.equal(stateOf(model, TODAY), 'pending');
    assert.deepEqual(model.calendar.filter((c) => c.state === 'future').map((c) => c.day), ['2026-03-19', '2026-03-20', '2026-03-21', '2026-03-22']);
  });

  it('has empty splits and tasks, drift still reading, and zero figures without a streak', () => {
    assert.deepEqual(model.byRepo, []);
    assert.deepEqual(model.byLanguage, []);
    assert.deepEqual(model.tasks, []);
    assert.equal(model.drift, undefined);
    assert.deepEqual(model.summary, { todayMinutes: 0, seriesMinutes: 0, handsOnDays: 0, freezes: 0 });
  });
});

describe('buildDashboardModel: the streak calendar under weekdays', () => {
  // Hands-on every weekday from March 2 except Tuesday the 10th (a freeze covers it) and Thursday the 12th (a miss:
  // one freeze a month). Thursday the 5th counts by a commit alone, with 8 minutes.
  const weekdaysFrom2 = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09', '2026-03-11', '2026-03-13', '2026-03-16', '2026-03-17'];
  const minutes: Record<LocalDay, number> = { '2026-03-02': 25, '2026-03-03': 45, '2026-03-04': 90, '2026-03-05': 8, '2026-03-18': 5 };
  const totals = [...weekdaysFrom2, '2026-03-18'].map((day) => total(day, { '/src/app': minutes[day] ?? 30 }));
  const input = inputs({ totals, commitDays: ['2026-03-05'], freezesPerMonth: 1 });
  const model = buildDashboardModel(input);

  it('uses the streak’s own freezes (a sanity check of the fixture)', () => {
    assert.deepEqual(input.streak?.frozen, ['2026-03-10']);
  });

  it('marks hands-on days, the freeze, the miss, weekends, today and the days ahead', () => {
    assert.equal(stateOf(model, '2026-03-02'), 'handsOn');
    assert.equal(stateOf(model, '2026-03-10'), 'frozen');
    assert.equal(stateOf(model, '2026-03-12'), 'missed');
    assert.equal(stateOf(model, '2026-03-07'), 'notRequired');
    assert.equal(stateOf(model, '2026-03-08'), 'notRequired');
    assert.equal(stateOf(model, TODAY), 'pending', 'five minutes today: below the goal, and the day is not over');
    assert.equal(stateOf(model, '2026-03-19'), 'future');
    assert.equal(stateOf(model, '2026-02-27'), 'noHistory', 'a weekday before the first hands-on day');
    assert.equal(stateOf(model, '2026-03-01'), 'notRequired', 'a Sunday before it is still a weekend');
  });

  it('shades hands-on days by minutes against the goal, and a commit-only day lightest', () => {
    const levelOf = (day: LocalDay) => model.calendar.find((c) => c.day === day)?.level;
    assert.equal(levelOf('2026-03-05'), 1);
    assert.equal(levelOf('2026-03-02'), 2);
    assert.equal(levelOf('2026-03-03'), 3);
    assert.equal(levelOf('2026-03-04'), 4);
    assert.equal(levelOf('2026-03-12'), 0);
    assert.equal(model.calendar.find((c) => c.day === '2026-03-04')?.minutes, 90);
  });

  it('counts the year’s hands-on days and freezes, and carries the streak', () => {
    assert.equal(model.summary.handsOnDays, 10);
    assert.equal(model.summary.freezes, 1);
    // March 2–11 is a run of 7 (the freeze keeps it alive but adds nothing); the miss on the 12th ends it.
    assert.deepEqual(model.summary.streak, { current: 3, best: 7, unit: 'days' });
    assert.equal(model.summary.todayMinutes, 5);
    assert.equal(model.summary.seriesMinutes, 25 + 45 + 90 + 8 + 30 * 6 + 5);
  });
});

describe('buildDashboardModel: the streak calendar under daily', () => {
  it('requires weekends too, so an unworked Saturday after the first hands-on day is a miss', () => {
    const model = buildDashboardModel(inputs({ rule: { kind: 'daily' }, totals: [total('2026-03-13', { r: 30 }), total('2026-03-15', { r: 30 })] }));
    assert.equal(stateOf(model, '2026-03-14'), 'missed');
    assert.equal(stateOf(model, '2026-03-12'), 'noHistory');
  });
});

describe('buildDashboardModel: the streak calendar under perWeek:3', () => {
  const rule: StreakRule = { kind: 'perWeek', days: 3 };
  const days = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-09', '2026-03-16'];
  const totals = days.map((day) => total(day, { r: 30 }));

  it('leaves the other days of a week that met its target unrequired, and misses the days of a week that did not', () => {
    const model = buildDashboardModel(inputs({ rule, totals }));
    assert.equal(stateOf(model, '2026-03-05'), 'notRequired');
    assert.equal(stateOf(model, '2026-03-06'), 'notRequired');
    for (const day of ['2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13']) assert.equal(stateOf(model, day), 'missed', day);
    assert.equal(stateOf(model, '2026-03-14'), 'notRequired', 'Saturday: three days fit in the working week');
  });

  it('keeps the current week open while three days can still be reached', () => {
    const model = buildDashboardModel(inputs({ rule, totals }));
    assert.equal(stateOf(model, '2026-03-17'), 'pending');
    assert.equal(stateOf(model, TODAY), 'pending');
  });

  it('misses the current week once its target is out of reach, as the streak does', () => {
    // On Sunday the 22nd the week has one hands-on day, and today can bring it to two at most: the week is lost.
    const model = buildDashboardModel(inputs({ rule, totals, today: '2026-03-22' }));
    assert.equal(stateOf(model, '2026-03-17'), 'missed');
  });

  it('marks the unworked required days of a frozen week as frozen', () => {
    const input = inputs({ rule, totals, freezesPerMonth: 1 });
    assert.deepEqual(input.streak?.frozen, ['2026-03-09']);
    const model = buildDashboardModel(input);
    assert.equal(stateOf(model, '2026-03-09'), 'handsOn');
    for (const day of ['2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13']) assert.equal(stateOf(model, day), 'frozen', day);
    assert.equal(stateOf(model, '2026-03-15'), 'notRequired');
    assert.equal(model.summary.freezes, 4);
  });
});

describe('buildDashboardModel: the split by repository and language', () => {
  const totals = [
    total('2026-03-18', { '/work/app': 30, '/work/lib': 10 }, { typescript: 35, markdown: 5 }),
    total('2026-02-01', { '/work/app': 20, '/home/ann/lib': 15 }, { typescript: 20, python: 15 }),
    // 84 days back from today is outside the 12 weeks.
    total(addDays(TODAY, -SERIES_WEEKS * 7), { '/work/old': 500 }, { cobol: 500 }),
  ];
  const model = buildDashboardModel(inputs({ totals }));

  it('sums each key over the 12 weeks only, most first, with its share', () => {
    assert.deepEqual(
      model.byRepo.map((r) => [r.key, r.minutes]),
      [['/work/app', 50], ['/home/ann/lib', 15], ['/work/lib', 10]],
    );
    assert.deepEqual(model.byLanguage.map((r) => [r.label, r.minutes, r.share]), [['typescript', 55, 55 / 75], ['python', 15, 15 / 75], ['markdown', 5, 5 / 75]]);
  });

  it('labels a repository by its folder name, and by its whole path when two share the name', () => {
    assert.deepEqual(model.byRepo.map((r) => r.label), ['app', '/home/ann/lib', '/work/lib']);
    assert.deepEqual([...shortRepoLabels(['C:\\src\\web', '/srv/api/', ''])], [['C:\\src\\web', 'web'], ['/srv/api/', 'api'], ['', '']]);
  });
});

describe('buildDashboardModel: the drift map', () => {
  const newYork = zoneCalendar('America/New_York');
  const model = buildDashboardModel(
    inputs({
      dayOf: newYork.dayOf,
      drift: [
        { repo: '/work/app', rows: [{ dir: 'src/billing', teamCommits: 12, myLastTouch: Date.parse('2026-01-10T03:30:00Z') }, { dir: 'docs', teamCommits: 2 }] },
        { repo: '/work/api', rows: [{ dir: 'server/auth', teamCommits: 30, myLastTouch: Date.parse('2026-03-01T15:00:00Z') }] },
      ],
    }),
  );

  it('ranks the areas of every repository by team commits, with the local day of the last touch', () => {
    assert.deepEqual(model.drift, [
      { repo: 'api', dir: 'server/auth', teamCommits: 30, lastTouchedDay: '2026-03-01' },
      // 03:30 UTC on the 10th is still the 9th in New York.
      { repo: 'app', dir: 'src/billing', teamCommits: 12, lastTouchedDay: '2026-01-09' },
      { repo: 'app', dir: 'docs', teamCommits: 2 },
    ]);
  });

  it('is an empty list, not "still reading", when no repository has rows', () => {
    assert.deepEqual(buildDashboardModel(inputs({ drift: [] })).drift, []);
  });
});

describe('buildDashboardModel: finished tasks', () => {
  const finished = (title: string | undefined, at: string, estimateMinutes: number, actualMinutes: number): FinishedTask => ({
    kind: 'todo',
    ...(title !== undefined && { title }),
    estimateMinutes,
    actualMinutes,
    finishedAt: Date.parse(at),
  });

  it('lists them newest first with the local day, keeping a title of markup as plain data', () => {
    const model = buildDashboardModel(
      inputs({
        dayOf: zoneCalendar('Europe/Berlin').dayOf,
        finishedTasks: [
          finished('Write a test for parseInvoice', '2026-03-16T10:00:00Z', 20, 26.5),
          finished('<img src=x onerror="window.__pwned=1">', '2026-03-17T23:30:00Z', 5, 3),
          finished(undefined, '2026-03-01T09:00:00Z', 15, 15),
        ],
      }),
    );
    assert.deepEqual(model.tasks, [
      { title: '<img src=x onerror="window.__pwned=1">', kind: 'todo', estimateMinutes: 5, actualMinutes: 3, finishedDay: '2026-03-18' },
      { title: 'Write a test for parseInvoice', kind: 'todo', estimateMinutes: 20, actualMinutes: 26.5, finishedDay: '2026-03-16' },
      { title: '', kind: 'todo', estimateMinutes: 15, actualMinutes: 15, finishedDay: '2026-03-01' },
    ]);
  });

  it('keeps the newest few and drops records with broken figures', () => {
    const many = Array.from({ length: 30 }, (_, i) => finished(`task ${i}`, new Date(Date.parse('2026-03-01T12:00:00Z') + i * 3_600_000).toISOString(), 10, 12));
    const model = buildDashboardModel(inputs({ finishedTasks: [...many, { ...many[0]!, title: 'broken', finishedAt: Number.NaN }] }));
    assert.equal(model.tasks.length, MAX_TASK_ROWS);
    assert.equal(model.tasks[0]!.title, 'task 29');
    assert.ok(!model.tasks.some((t) => t.title === 'broken'));
  });
});

describe('buildDashboardModel: across a daylight-saving change', () => {
  // New York springs forward on Sunday 2026-03-08: that day has 23 hours.
  const newYork = zoneCalendar('America/New_York');
  const at = (iso: string) => Date.parse(iso);
  const interval = (id: string, startIso: string, minutes: number): ActivityInterval => {
    const start = at(startIso);
    return { id, start, end: start + minutes * 60_000, day: newYork.dayOf(start), utcOffsetMinutes: newYork.utcOffsetMinutes(start), repo: '/work/app', language: 'typescript' };
  };
  // 23:30 local on the 7th (EST, -5) and 23:30 local on the 8th (EDT, -4): each on its own local day.
  const totals = dayTotals([interval('a', '2026-03-08T04:30:00Z', 25), interval('b', '2026-03-09T03:30:00Z', 40)]);
  const model = buildDashboardModel({ ...inputs({ today: '2026-03-10', dayOf: newYork.dayOf, rule: { kind: 'daily' } }), dayTotals: totals, handsOnDays: handsOnDays(totals, [], GOAL) });

  it('keeps 84 consecutive days with each day’s minutes on its own local day', () => {
    const days = model.minutesPerDay.map((d) => d.day);
    assert.equal(new Set(days).size, SERIES_WEEKS * 7);
    days.forEach((day, i) => i > 0 && assert.equal(day, addDays(days[i - 1]!, 1)));
    assert.equal(model.minutesPerDay.find((d) => d.day === '2026-03-07')?.minutes, 25);
    assert.equal(model.minutesPerDay.find((d) => d.day === '2026-03-08')?.minutes, 40);
    assert.equal(stateOf(model, '2026-03-08'), 'handsOn');
    assert.equal(stateOf(model, '2026-03-09'), 'missed');
  });
});

describe('buildDashboardModel: a year of data', () => {
  // 400 days of generated coding, about two days in three, in two repositories and three languages.
  const random = seededRandom(20260318);
  const totals: DayTotal[] = [];
  for (let back = 400; back >= 0; back--) {
    if (random() < 0.35) continue;
    const app = Math.round(random() * 90);
    const lib = Math.round(random() * 30);
    totals.push({ day: addDays(TODAY, -back), minutes: app + lib, byRepo: new Map([['/work/app', app], ['/work/lib', lib]]), byLanguage: new Map([['typescript', app], ['go', lib]]) });
  }
  const input = inputs({ totals, rule: { kind: 'weekdays' }, freezesPerMonth: 2 });
  const model = buildDashboardModel(input);
  const inCalendar = (day: LocalDay) => day >= model.calendar[0]!.day && day <= TODAY;

  it('counts exactly the hands-on days of the calendar’s weeks, and every freeze of the streak in them', () => {
    assert.equal(model.summary.handsOnDays, [...input.handsOnDays].filter(inCalendar).length);
    assert.equal(model.summary.freezes, input.streak!.frozen.filter(inCalendar).length);
    assert.ok(model.summary.freezes > 0, 'the fixture should use some freezes');
    assert.ok(model.calendar.some((c) => c.state === 'missed'), 'the fixture should miss some days');
  });

  it('sums the 12 weeks the same way in the series, the splits and the total', () => {
    const expected = totals.filter((t) => t.day > addDays(TODAY, -SERIES_WEEKS * 7)).reduce((sum, t) => sum + t.minutes, 0);
    assert.equal(model.summary.seriesMinutes, expected);
    assert.equal(model.minutesPerDay.reduce((sum, d) => sum + d.minutes, 0), expected);
    assert.equal(model.byRepo.reduce((sum, r) => sum + r.minutes, 0), expected);
    assert.equal(model.byLanguage.reduce((sum, r) => sum + r.minutes, 0), expected);
  });

  it('is plain JSON: it survives postMessage unchanged', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(model)), model);
  });
});
