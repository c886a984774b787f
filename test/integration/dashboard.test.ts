// The dashboard in a real webview: it paints what the store holds, follows new coding time, shows finished tasks'
// titles as text, and in privacy mode receives no figure at all.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { JsonlActivityStore } from '../../src/adapters/jsonlActivityStore';
import { dayTotals } from '../../src/core/dayTotals';
import type { DayTotal } from '../../src/core/model';
import type { Task } from '../../src/core/tasks';
import { TableIds } from '../../src/vscode/dashboard/protocol';
import { avoidMidnight, handsOn, waitFor, workspaceRoot } from './extensionApi';

const MINUTE = 60_000;
const TITLE = 'Hands-On Dashboard';
/** Titles that would run script if the webview ever parsed them as HTML; finished tasks keep what they were given. */
const HOSTILE_TITLES = ['<img src=x onerror="window.__pwned=1">', '<script>window.__pwned=1</script>'];

type Api = Awaited<ReturnType<typeof handsOn>>;

/** As the webview writes minutes (and the status bar): `42m`, `1h 05m`. */
function minutesText(minutes: number): string {
  const whole = Math.floor(minutes);
  return whole < 60 ? `${whole}m` : `${Math.floor(whole / 60)}h ${String(whole % 60).padStart(2, '0')}m`;
}

/** Day totals straight from the activity logs on disk, the way every window's store reads them. */
async function storedTotals(api: Api): Promise<Map<string, DayTotal>> {
  // The log trails an interval still open by up to 5 minutes; pausing closes it, and closed ones are always written.
  await vscode.commands.executeCommand('handsOn.pauseTracking');
  try {
    const reader = new JsonlActivityStore({ dir: api.testing.storagePath, fileName: 'dashboard-test-reader' });
    return dayTotals((await reader.loadAll()).intervals);
  } finally {
    await vscode.commands.executeCommand('handsOn.resumeTracking');
  }
}

/** The panel once the webview has drawn the latest message the extension posted. */
async function painted(api: Api, what: string, accept: (probe: NonNullable<ReturnType<Api['testing']['dashboard']>>) => boolean = () => true) {
  return waitFor(() => {
    const probe = api.testing.dashboard();
    return probe?.posted && probe.rendered?.seq === probe.posted.seq && accept(probe) && probe;
  }, what);
}

/** Types in `file`, `minutes` apart; beside the dashboard, which only updates while it is visible. */
async function typeSomething(api: Api, file: vscode.Uri, minutes: number): Promise<void> {
  const editor = await vscode.window.showTextDocument(file, { viewColumn: vscode.ViewColumn.Beside });
  await vscode.commands.executeCommand('type', { text: '// on the dashboard\n' });
  api.testing.advanceClock(minutes * MINUTE);
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('type', { text: '// later\n' });
  await api.flush();
}

/** Finishes a focus session on a real TODO task renamed `title`: the record the dashboard lists. */
async function finishTaskTitled(api: Api, task: Task, title: string, index: number): Promise<void> {
  await vscode.commands.executeCommand('handsOn.startTask', { ...task, id: `${task.id}#dashboard-${index}`, title });
  api.testing.advanceClock(3 * MINUTE);
  await vscode.commands.executeCommand('handsOn.stopFocus');
}

function dashboardTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.label === TITLE);
}

describe('dashboard', () => {
  let api: Api;
  let file: vscode.Uri;

  before(async () => {
    api = await handsOn();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('handsOn.stopFocus');
    avoidMidnight(api, Date.now());
    file = vscode.Uri.joinPath(workspaceRoot(), 'src', 'dashboard-typing.ts');
    await vscode.workspace.fs.writeFile(file, Buffer.from('export const shown = true;\n'));
    await typeSomething(api, file, 4);
    await api.refreshTasks();
    const todo = api.tasks().find((t) => t.kind === 'todo' && t.location);
    assert.ok(todo, 'no TODO task to finish');
    for (const [i, title] of HOSTILE_TITLES.entries()) await finishTaskTitled(api, todo, title, i);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens from the command, paints within seconds, and shows the same minutes per day as the store', async () => {
    await vscode.commands.executeCommand('handsOn.showDashboard');
    const first = await painted(api, 'the first paint');
    const stored = await storedTotals(api);
    assert.ok(first.paintedMs !== undefined && first.paintedMs > 0 && first.paintedMs < 10_000, `first paint took ${first.paintedMs} ms`);

    // Reading the store closes the open interval, which the panel follows: compare once it has.
    const probe = await painted(api, 'the figures of the store, with the drift map', (p) => {
      if (p.posted?.type !== 'render' || p.posted.model.drift === undefined) return false;
      const today = p.posted.model.today;
      return Math.abs(p.posted.model.summary.todayMinutes - (stored.get(today)?.minutes ?? 0)) < 1e-6;
    });
    const model = probe.posted!.type === 'render' ? probe.posted!.model : assert.fail('no figures posted');
    assert.equal(model.minutesPerDay.length, 84);
    for (const { day, minutes } of model.minutesPerDay) {
      assert.ok(Math.abs(minutes - (stored.get(day)?.minutes ?? 0)) < 1e-6, `${day}: posted ${minutes}, stored ${stored.get(day)?.minutes ?? 0}`);
    }
    const snapshot = api.snapshot();
    assert.ok(snapshot && snapshot.todayMinutes >= 4, `today is ${snapshot?.todayMinutes} minutes`);
    assert.equal(model.today, snapshot.today);
    assert.equal(Math.floor(model.summary.todayMinutes), Math.floor(snapshot.todayMinutes));
    assert.equal(model.calendar.find((c) => c.day === model.today)?.state === 'handsOn', snapshot.streak.todayIsHandsOn);

    // What the webview drew: the table under the minutes chart, row by row.
    const rows = probe.rendered!.tables[TableIds.minutes]!;
    assert.deepEqual(rows[0], ['Day', 'Coding time']);
    assert.deepEqual(rows.slice(1), model.minutesPerDay.map(({ day }) => [day, minutesText(stored.get(day)?.minutes ?? 0)]));
    assert.match(probe.rendered!.text, new RegExp(`Today${minutesText(snapshot.todayMinutes)}`));
  });

  it('splits the time by repository as the store does, and maps where the teammates committed', async () => {
    const probe = await painted(api, 'the figures', (p) => p.posted?.type === 'render');
    const model = probe.posted!.type === 'render' ? probe.posted!.model : assert.fail('no figures posted');
    const stored = await storedTotals(api);
    const root = workspaceRoot().fsPath;
    const inSeries = [...stored.values()].filter((t) => t.day >= model.minutesPerDay[0]!.day && t.day <= model.today);
    const repoMinutes = inSeries.reduce((sum, t) => sum + (t.byRepo.get(root) ?? 0), 0);
    const repoRow = probe.rendered!.tables[TableIds.byRepository]!.find((row) => row[0] === path.basename(root));
    assert.ok(repoRow, `no row for ${path.basename(root)} in ${JSON.stringify(probe.rendered!.tables[TableIds.byRepository])}`);
    assert.equal(repoRow[1], minutesText(repoMinutes));
    assert.ok(probe.rendered!.tables[TableIds.byLanguage]!.some((row) => row[0] === 'typescript'), 'no typescript row');
    // The What Changed suite committed as ana and bo under billing/ in this repository.
    const billing = probe.rendered!.tables[TableIds.drift]?.find((row) => row[0] === 'billing');
    assert.ok(billing && Number(billing[2]) >= 2, `drift table: ${JSON.stringify(probe.rendered!.tables[TableIds.drift])}`);
  });

  it('shows finished tasks’ titles as the text they are, never as markup', async () => {
    const probe = await painted(api, 'the figures');
    const tasks = probe.rendered!.tables[TableIds.tasks];
    assert.ok(tasks, `no tasks table in ${Object.keys(probe.rendered!.tables).join(', ')}`);
    // textContent of a cell that had been parsed as HTML would be empty (img) or the bare script text.
    for (const title of HOSTILE_TITLES) assert.ok(tasks.some((row) => row[0] === title), `"${title}" not shown literally: ${JSON.stringify(tasks)}`);
    const row = tasks.find((r) => r[0] === HOSTILE_TITLES[1])!;
    assert.equal(row[1], 'TODO');
    assert.match(row[4]!, /^[3-9]m$/, 'the actual minutes of a 3-minute session');
  });

  it('follows new coding time while open', async () => {
    const before = await painted(api, 'the figures');
    const today = before.posted!.type === 'render' ? before.posted!.model.today : assert.fail('no figures posted');
    const shownToday = (p: typeof before) => p.rendered!.tables[TableIds.minutes]!.find((row) => row[0] === today)?.[1];
    await typeSomething(api, file, 3);
    const stored = await storedTotals(api);
    const expected = minutesText(stored.get(today)?.minutes ?? 0);
    assert.notEqual(expected, shownToday(before), 'the typing added no minute');
    await painted(api, `today's row to show ${expected}`, (p) => p.posted!.seq > before.posted!.seq && shownToday(p) === expected);
  });

  it('reveals the open panel when run again instead of opening a second one, and draws it afresh', async () => {
    const before = api.testing.dashboard()!;
    // Another editor in front of it, in its own group: the hidden webview is unloaded.
    const column = dashboardTabs()[0]!.group.viewColumn;
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: 'in front' }), { viewColumn: column });
    await waitFor(() => !dashboardTabs()[0]?.isActive, 'the dashboard tab behind another');
    await vscode.commands.executeCommand('handsOn.showDashboard');
    await waitFor(() => dashboardTabs()[0]?.isActive, 'the dashboard tab in front');
    assert.equal(dashboardTabs().length, 1);
    const after = await painted(api, 'a paint after the reveal', (p) => p.rendered!.seq > before.rendered!.seq);
    assert.equal(after.paintedMs, before.paintedMs, 'a new panel was opened');
    assert.ok(after.rendered!.tables[TableIds.minutes]!.length > 1);
  });

  it('in privacy mode sends no figure at all, and shows them again when toggled back', async () => {
    await vscode.commands.executeCommand('handsOn.togglePrivacy');
    try {
      const hidden = await painted(api, 'the hidden state', (p) => p.posted?.type === 'hidden');
      assert.ok(!('model' in hidden.posted!), 'figures were posted in privacy mode');
      assert.deepEqual(hidden.rendered!.tables, {});
      assert.match(hidden.rendered!.text, /Figures are hidden \(privacy mode\)/);
      assert.doesNotMatch(hidden.rendered!.text, /\d/, `a figure on the hidden page: ${hidden.rendered!.text}`);
    } finally {
      await vscode.commands.executeCommand('handsOn.togglePrivacy');
    }
    const shown = await painted(api, 'the figures again', (p) => p.posted?.type === 'render');
    assert.ok(shown.rendered!.tables[TableIds.minutes]!.length > 1);
  });
});
