/**
 * Building the page with DOM APIs only. Every text goes in as a text node or textContent and every attribute through
 * setAttribute, so a repository folder or a task title full of markup stays text: nothing here parses HTML.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

type Child = Node | string;

/** An HTML element with attributes and children (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/** An SVG element; `text` becomes its textContent. */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** A chart's frame: scales with the page, announced as one image with `label` (the table under it has the figures). */
export function chartFrame(width: number, height: number, label: string, className: string): SVGSVGElement {
  return svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, class: `chart ${className}`, preserveAspectRatio: 'xMinYMin meet' });
}

/** A shape with a hover tooltip (SVG <title>), e.g. one bar. */
export function withTooltip<T extends SVGElement>(shape: T, tooltip: string): T {
  shape.append(svg('title', {}, tooltip));
  return shape;
}

/** A small coloured square for a legend, styled like the chart shapes it stands for. */
export function swatch(className: string, size = 13): SVGSVGElement {
  const frame = svg('svg', { viewBox: `0 0 ${size} ${size}`, width: size, height: size, class: 'swatch', 'aria-hidden': 'true' });
  frame.append(svg('rect', { class: className, width: size, height: size, rx: 2 }));
  return frame;
}
