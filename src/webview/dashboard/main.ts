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

/** Once the new DOM is on screen: a task queued from the next animation frame runs after that frame is painted. */
function afterPaint(then: () => void): void {
  requestAnimationFrame(() => setTimeout(then, 0));
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  if (message?.type === 'render') renderFigures(message.model, message.text);
  else if (message?.type === 'hidden') renderHidden(message.text);
  else return;
  root.setAttribute('aria-busy', 'false');
  afterPaint(() => {
    const scriptMs = performance.now() - scriptStart;
    host.postMessage({ type: 'painted', seq: message.seq, scriptMs, tables: tableTexts(root), text: root.textContent ?? '' });
  });
});

host.postMessage({ type: 'ready' });
