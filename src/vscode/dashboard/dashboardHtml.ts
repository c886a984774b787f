/**
 * The dashboard webview's HTML shell. It holds no figures and no text from outside: the figures arrive by
 * postMessage and the script sets every text with textContent, so nothing a stranger named (a repository folder,
 * an issue title) is ever parsed as HTML. No `vscode` import: unit tests render it as it is.
 */
import { randomBytes } from 'crypto';

export interface DashboardShell {
  /** `webview.cspSource`: the origin VS Code serves local resources from. */
  readonly cspSource: string;
  /** A fresh {@link newNonce} per render: only the script tags carrying it may run. */
  readonly nonce: string;
  /** `webview.asWebviewUri` of dist/webview/dashboard.js and dashboard.css. */
  readonly scriptUri: string;
  readonly styleUri: string;
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
  // No 'unsafe-inline' anywhere: styles come from the stylesheet only, scripts only with the nonce.
  const csp = [
    "default-src 'none'",
    `style-src ${shell.cspSource}`,
    `script-src 'nonce-${shell.nonce}'`,
    `img-src ${shell.cspSource}`,
    `font-src ${shell.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${attr(shell.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(shell.styleUri)}">
<title>${attr(shell.title)}</title>
</head>
<body>
<main id="dashboard" aria-busy="true"></main>
<script nonce="${attr(shell.nonce)}" src="${attr(shell.scriptUri)}"></script>
</body>
</html>
`;
}

/** For attribute values and the title: none of these may end the value or open a tag. */
function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
