// The dashboard webview's HTML shell: a strict CSP, a fresh nonce on its one script and one style element (our own
// bundles, inline), and no figures or outside text.
import assert from 'node:assert/strict';
import { dashboardHtml, newNonce, type DashboardShell } from '../../../src/vscode/dashboard/dashboardHtml';

// Stand-ins for dist/webview/dashboard.js and .css, with what minified bundles hold: `<` and `>` in code and strings.
const SCRIPT = '(()=>{var o="<\\/script>",t=a=>a<1&&a>0;document.getElementById("dashboard").textContent=o})();';
const STYLE = 'main > .figures{display:grid}';

function shell(overrides: Partial<DashboardShell> = {}): DashboardShell {
  return {
    nonce: newNonce(),
    script: SCRIPT,
    style: STYLE,
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
  it('allows nothing to load, and styles and scripts only by nonce', () => {
    const { nonce } = shell();
    const csp = policy(dashboardHtml(shell({ nonce })));
    assert.deepEqual([...csp.keys()], ['default-src', 'style-src', 'script-src']);
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
    assert.deepEqual(csp.get('style-src'), [`'nonce-${nonce}'`]);
    assert.deepEqual(csp.get('script-src'), [`'nonce-${nonce}'`]);
    for (const sources of csp.values()) assert.ok(!sources.some((s) => /unsafe|\*|https?:/.test(s)), `a loose source in ${sources.join(' ')}`);
  });

  it('puts the nonce on its one script and one style element, which hold the bundles as they are, and on nothing else', () => {
    const { nonce } = shell();
    const html = dashboardHtml(shell({ nonce }));
    const nonceAttr = new RegExp(`nonce="${nonce.replace(/[+/=]/g, (c) => `\\${c}`)}"`);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0]![1]!, nonceAttr);
    assert.doesNotMatch(scripts[0]![1]!, /\ssrc=/);
    assert.equal(scripts[0]![2], SCRIPT);
    const styles = [...html.matchAll(/<style\b([^>]*)>([\s\S]*?)<\/style>/g)];
    assert.equal(styles.length, 1);
    assert.match(styles[0]![1]!, nonceAttr);
    assert.equal(styles[0]![2], STYLE);
    assert.doesNotMatch(html, /<link\b|\sstyle=|\son\w+=/i);
  });

  it('refuses a bundle that would end its element early or open a comment in the script', () => {
    for (const script of ['a="</script><script>alert(1)</script>"', 'a="</SCRIPT >"', 'a="<!--<script>"']) {
      assert.throws(() => dashboardHtml(shell({ script })), /would end the element early/, script);
    }
    assert.throws(() => dashboardHtml(shell({ style: 'a{}</style><script>alert(1)</script>' })), /would end the element early/);
  });

  it('draws a new random nonce for every render', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => newNonce()));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/, '128 bits, base64');
  });

  it('carries no figures and no outside text: only the empty root the script fills', () => {
    const html = dashboardHtml(shell());
    const body = /<body>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '';
    assert.equal(body.replace(/<script[^>]*>[\s\S]*?<\/script>/, '').trim(), '<main id="dashboard" aria-busy="true"></main>');
    assert.doesNotMatch(html, /\d+m\b|\d+h \d+m|streak/i, 'a figure in the shell');
  });

  it('escapes what it does put in attributes, so a hostile value cannot open a tag', () => {
    const html = dashboardHtml(shell({ title: '</title><script>alert(1)</script>', lang: 'en" onload="alert(1)' }));
    assert.equal([...html.matchAll(/<script\b/g)].length, 1);
    assert.doesNotMatch(html, /onload="/);
  });
});
