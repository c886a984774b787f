/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The dashboard webview's script (bundled alone as dist/webview/dashboard.js, an IIFE for the browser). It draws what
 * the extension posts: clean SVG from DOM calls, no chart library, themed by VS Code's CSS variables; each chart has
 * its table. In privacy mode it gets no figures at all, only the words and a button to show them again.
 * After drawing it reports `painted` with the tables' texts, which the extension's tests compare with the store.
 */
import type { DashboardModel } from '../../core/dashboardModel';
import type { DashboardText, FromWebview, ToWebview } from '../../vscode/dashboard/protocol';
import { calendarSection } from './charts/calendarChart';
import { driftSection } from './charts/driftChart';
import { minutesSection } from './charts/minutesChart';
import { splitSection } from './charts/splitCharts';
import { tasksSection } from './charts/tasksChart';
import { tableTexts } from './dataTable';
import { h } from './dom';
import { summaryFigures } from './summary';
import { DayFormat } from './text';

declare function acquireVsCodeApi(): { postMessage(message: FromWebview): void };

const scriptStart = performance.now();

const host = acquireVsCodeApi();
const root = document.getElementById('dashboard')!;

function renderFigures(model: DashboardModel, text: DashboardText): void {
  const dates = new DayFormat(text.locale);
  root.replaceChildren(
    h('h1', {}, text.title),
    summaryFigures(model, text),
    minutesSection(model, text, dates),
    calendarSection(model, text, dates),
    splitSection(model, text),
    driftSection(model, text),
    tasksSection(model, text),
  );
}

function renderHidden(text: DashboardText): void {
  const show = h('button', { type: 'button', class: 'show-figures' }, text.showFigures);
  show.addEventListener('click', () => host.postMessage({ type: 'togglePrivacy' }));
  root.replaceChildren(h('h1', {}, text.title), h('p', { class: 'privacy' }, text.privacyHidden), show);
}

/** The latest message not drawn yet, and the `seq` of the one on screen. */
let pending: ToWebview | undefined;
let drawnSeq = 0;

/**
 * Draws the latest message, once per frame: when the page loads VS Code hands over every message posted meanwhile
 * at once (the first figures, then those with the drift map), and only the last needs drawing. Runs from an animation
 * frame, so a task queued from here runs after that frame is painted: then it reports `painted`.
 */
function draw(): void {
  const message = pending;
  pending = undefined;
  if (!message) return;
  if (message.type === 'render') renderFigures(message.model, message.text);
  else renderHidden(message.text);
  drawnSeq = message.seq;
  root.setAttribute('aria-busy', 'false');
  setTimeout(() => {
    const scriptMs = performance.now() - scriptStart;
    host.postMessage({ type: 'painted', seq: message.seq, scriptMs, tables: tableTexts(root), text: root.textContent ?? '' });
  }, 0);
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  if (message?.type !== 'render' && message?.type !== 'hidden') return;
  // The extension may send the same message twice (see Dashboard's `ready`): what is drawn or about to be stays.
  if (message.seq <= drawnSeq || (pending !== undefined && message.seq <= pending.seq)) return;
  if (pending === undefined) requestAnimationFrame(draw);
  pending = message;
});

host.postMessage({ type: 'ready' });
