/**
 * The dashboard webview's HTML shell. It holds no figures and no text from outside: the figures arrive by
 * postMessage and the script sets every text with textContent, so nothing a stranger named (a repository folder,
 * an issue title) is ever parsed as HTML. No `vscode` import: unit tests render it as it is.
 *
 * The script and the stylesheet are our own bundles (dist/webview/dashboard.js and .css), put inline with the
 * page's nonce rather than linked: a linked file is fetched through VS Code's webview service worker and the
 * workbench, which held the first paint back by some 40–70 ms per open (bench: dashboardFirstPaintMs).
 */
import { randomBytes } from 'crypto';

export interface DashboardShell {
  /** A fresh {@link newNonce} per render: only the script and style elements carrying it apply. */
  readonly nonce: string;
  /** The text of dist/webview/dashboard.js and dashboard.css, our own bundles. */
  readonly script: string;
  readonly style: string;
  /** `vscode.env.language`, for the page's `lang`. */
  readonly lang: string;
  readonly title: string;
}

/** 128 random bits, base64: a nonce a page cannot guess. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export function dashboardHtml(shell: DashboardShell): string {
  const attr = escapeAttribute;
  // Nothing loads from anywhere. No 'unsafe-inline': the one style element and the one script apply only with the
  // nonce; no style attribute or event handler in markup can.
  const csp = ["default-src 'none'", `style-src 'nonce-${shell.nonce}'`, `script-src 'nonce-${shell.nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="${attr(shell.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${attr(shell.nonce)}">${elementText(shell.style, 'style')}</style>
<title>${attr(shell.title)}</title>
</head>
<body>
<main id="dashboard" aria-busy="true"></main>
<script nonce="${attr(shell.nonce)}">${elementText(shell.script, 'script')}</script>
</body>
</html>
`;
}

/**
 * The text of a raw-text element, checked rather than escaped (escaping would change the code): it must not end the
 * element early, and a script must not open an HTML comment, in which `<script` would change how `</script>` parses.
 * esbuild already writes `</script` in strings as `<\/script`.
 */
function elementText(text: string, element: 'script' | 'style'): string {
  if (new RegExp(`</${element}`, 'i').test(text) || (element === 'script' && /<!--|<script/i.test(text))) {
    throw new Error(`the dashboard's ${element} holds markup that would end the element early`);
  }
  return text;
}

/** For attribute values and the title: none of these may end the value or open a tag. */
function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
