// Proves the test host itself: right VS Code version, and our extension is loaded.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('test host probe', () => {
  it('runs in VS Code 1.100', () => {
    assert.match(vscode.version, /^1\.100\./);
  });

  it('has the Hands-On extension loaded', () => {
    const ids = vscode.extensions.all.map((e) => e.id.toLowerCase());
    assert.ok(ids.includes('hands-on.hands-on'), `hands-on.hands-on not in ${ids.length} extensions`);
  });
});
