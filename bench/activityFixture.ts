/**
 * A year of plausible coding time, written through the real store into an extension storage folder before the host
 * starts: the dashboard bench (dashboardFirstPaintMs) and the dashboard UI test open on it.
 * `node --import tsx bench/activityFixture.ts STORAGE_DIR [--days 365]`, where STORAGE_DIR is what the extension
 * gets as globalStorageUri (`<user-data-dir>/User/globalStorage/hands-on.hands-on`). Prints the interval count.
 *
 * A leader's pattern, seeded so every run writes the same year: most weekdays one to three sessions between
 * meetings, now and then a weekend, a couple of weeks off; three repositories and four languages. Today is left
 * empty, so what a test types today is all today holds.
 */
import { JsonlActivityStore } from '../src/adapters/jsonlActivityStore';
import { SystemCalendar } from '../src/adapters/systemCalendar';
import type { ActivityInterval } from '../src/core/model';
import { seededRandom } from '../test/unit/helpers/seededRandom';

const REPOS = ['/home/dana/src/billing-service', '/home/dana/src/web-app', '/home/dana/src/infra'];
const LANGUAGES = ['typescript', 'python', 'go', 'markdown'];
const MINUTE = 60_000;
const DAY = 86_400_000;

export function yearOfActivity(now: number, days: number, seed = 42): ActivityInterval[] {
  const random = seededRandom(seed);
  const calendar = new SystemCalendar();
  const pick = <T>(items: readonly T[], weights: readonly number[]): T => {
    let r = random() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < items.length; i++) if ((r -= weights[i]!) < 0) return items[i]!;
    return items.at(-1)!;
  };
  const intervals: ActivityInterval[] = [];
  const holiday = new Set([40, 41, 42, 43, 44, 150, 151, 152, 153, 154, 155, 156]); // days back: two weeks off
  for (let back = days; back >= 1; back--) {
    // Local noon of that day, then sessions from 8:30 on: never across midnight.
    const noon = new Date(now - back * DAY);
    noon.setHours(12, 0, 0, 0);
    const weekend = noon.getDay() === 0 || noon.getDay() === 6;
    if (holiday.has(back) || random() > (weekend ? 0.12 : 0.78)) continue;
    const sessions = 1 + Math.floor(random() * 3);
    for (let s = 0; s < sessions; s++) {
      const start = noon.getTime() - 3.5 * 3_600_000 + s * 2.5 * 3_600_000 + Math.floor(random() * 60) * MINUTE;
      const length = (8 + Math.floor(random() * 45)) * MINUTE;
      intervals.push({
        id: `fixture:${intervals.length}`,
        start,
        end: start + length,
        day: calendar.dayOf(start),
        utcOffsetMinutes: calendar.utcOffsetMinutes(start),
        repo: pick(REPOS, [5, 3, 1]),
        language: pick(LANGUAGES, [6, 2, 2, 1]),
      });
    }
  }
  return intervals;
}

async function main(): Promise<void> {
  const [dir, ...rest] = process.argv.slice(2);
  if (!dir) throw new Error('usage: activityFixture.ts STORAGE_DIR [--days N]');
  const daysAt = rest.indexOf('--days');
  const days = daysAt >= 0 ? Number(rest[daysAt + 1]) : 365;
  const intervals = yearOfActivity(Date.now(), days);
  await new JsonlActivityStore({ dir, fileName: 'fixture' }).append(intervals);
  process.stdout.write(`${intervals.length}\n`);
}

if (require.main === module) void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
