/** Horizontal bars with a label on the left and the figure on the right: the splits and the drift map. */
import { chartFrame, svg, withTooltip } from '../dom';
import { truncate } from '../text';

export interface Bar {
  readonly label: string;
  readonly value: number;
  /** The figure written after the bar. */
  readonly valueText: string;
  readonly tooltip: string;
}

export interface BarListLayout {
  readonly width: number;
  /** Room for the labels, in viewBox units; labels longer than it are cut (the tooltip and table keep them whole). */
  readonly labelWidth: number;
  /** Room for the figure after the bar. */
  readonly valueWidth: number;
  readonly barClass: string;
  readonly chartClass: string;
}

const ROW = 24;
const BAR = 14;
/** A generous width of one character of the 11px chart font: a cut label must not run out of its room. */
const CHAR = 7;

export function barList(bars: readonly Bar[], layout: BarListLayout, label: string): SVGSVGElement {
  const height = Math.max(1, bars.length) * ROW + 4;
  const chart = chartFrame(layout.width, height, label, layout.chartClass);
  const barArea = layout.width - layout.labelWidth - layout.valueWidth;
  const max = Math.max(1, ...bars.map((b) => b.value));
  bars.forEach((bar, i) => {
    const y = i * ROW + 4;
    const length = Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * barArea);
    chart.append(svg('text', { class: 'label', x: layout.labelWidth - 8, y: y + BAR - 3, 'text-anchor': 'end' }, truncate(bar.label, Math.floor((layout.labelWidth - 12) / CHAR))));
    chart.append(withTooltip(svg('rect', { class: `bar ${layout.barClass}`, x: layout.labelWidth, y, width: length, height: BAR, rx: 2 }), bar.tooltip));
    chart.append(svg('text', { class: 'value', x: layout.labelWidth + length + 6, y: y + BAR - 3 }, bar.valueText));
  });
  return chart;
}
