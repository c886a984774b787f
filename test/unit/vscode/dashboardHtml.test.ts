// The dashboard webview's HTML shell: a strict CSP, a fresh nonce on every script, and no figures or outside text.
import assert from 'node:assert/strict';
import { dashboardHtml, newNonce, type DashboardShell } from '../../../src/vscode/dashboard/dashboardHtml';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

function shell(overrides: Partial<DashboardShell> = {}): DashboardShell {
  return {
    cspSource: CSP_SOURCE,
    nonce: newNonce(),
    scriptUri: `${CSP_SOURCE}/ext/dist/webview/dashboard.js`,
    styleUri: `${CSP_SOURCE}/ext/dist/webview/dashboard.css`,
    lang: 'en',
    title: 'Hands-On Dashboard',
    ...overrides,
  };
}

/** The policy from the CSP meta tag, as directive → sources. */
function policy(html: string): Map<string, string[]> {
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
  assert.ok(content, 'no Content-Security-Policy meta tag');
  const decoded = content.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
  return new Map(decoded.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
}

describe('dashboard HTML shell', () => {
  it('allows nothing by default, styles and images only from the webview’s own origin, and scripts only by nonce', () => {
    const { nonce } = shell();
    const csp = policy(dashboardHtml(shell({ nonce })));
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
    assert.deepEqual(csp.get('style-src'), [CSP_SOURCE]);
    assert.deepEqual(csp.get('img-src'), [CSP_SOURCE]);
    assert.deepEqual(csp.get('script-src'), [`'nonce-${nonce}'`]);
    for (const sources of csp.values()) assert.ok(!sources.some((s) => /unsafe|\*|https?:\/\/(?!file\+)/.test(s)), `a loose source in ${sources.join(' ')}`);
  });

  it('puts the nonce on every script tag, and loads no inline script or style', () => {
    const { nonce } = shell();
    const html = dashboardHtml(shell({ nonce }));
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    for (const [tag, body] of scripts) {
      assert.match(tag, new RegExp(`nonce="${nonce.replace(/[+/=]/g, (c) => `\\${c}`)}"`));
      assert.equal(body, '', 'an inline script');
    }
    assert.doesNotMatch(html, /<style\b|\sstyle=|\son\w+=/i);
  });

  it('draws a new random nonce for every render', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => newNonce()));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/, '128 bits, base64');
  });

  it('carries no figures and no outside text: only the empty root the script fills', () => {
    const html = dashboardHtml(shell());
    const body = /<body>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '';
    assert.equal(body.replace(/<script[^>]*><\/script>/, '').trim(), '<main id="dashboard" aria-busy="true"></main>');
    assert.doesNotMatch(html, /\d+m\b|\d+h \d+m|streak/i, 'a figure in the shell');
  });

  it('escapes what it does put in attributes, so a hostile value cannot open a tag', () => {
    const html = dashboardHtml(shell({ title: '</title><script>alert(1)</script>', lang: 'en"><script>', scriptUri: 'x" onload="alert(1)' }));
    assert.equal([...html.matchAll(/<script\b/g)].length, 1);
    assert.doesNotMatch(html, /onload="/);
  });
});
