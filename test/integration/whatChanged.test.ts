// "What Changed Since I Last Coded" on the workspace repository after teammates' commits.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { handsOn, workspaceRoot } from './extensionApi';

const PAGE = vscode.Uri.from({ scheme: 'hands-on-what-changed', path: '/What Changed Since I Last Coded.md' });

describe('What Changed Since I Last Coded', () => {
  it('lists the teammates’ commits by area, the new module, the dependency change and the new files', async () => {
    await handsOn();
    const root = workspaceRoot().fsPath;
    const commitAs = (name: string, files: Record<string, string>) => {
      for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), text);
      }
      execFileSync('git', ['add', ...Object.keys(files)], { cwd: root });
      const env = { ...process.env, GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: `${name}@team.example`, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: `${name}@team.example` };
      execFileSync('git', ['commit', '-q', '-m', `work by ${name}`], { cwd: root, env });
    };
    commitAs('ana', { 'billing/invoice.js': 'export const total = 1;\n', 'billing/tax.js': 'export const rate = 0.2;\n' });
    commitAs('bo', { 'package.json': '{ "name": "sample", "dependencies": { "left-pad": "1.3.0" } }\n' });
    commitAs('ana', { 'billing/invoice.js': 'export const total = 2;\n' });

    await vscode.commands.executeCommand('handsOn.whatChanged');
    const text = (await vscode.workspace.openTextDocument(PAGE)).getText();
    // Earlier suites commit in this repository too, so at least these three, by at least these two.
    const [, commits, people] = /Since then: (\d+) commits by (\d+) people\./.exec(text) ?? [];
    assert.ok(Number(commits) >= 3 && Number(people) >= 2, text.split('\n').slice(0, 6).join('\n'));
    assert.match(text, /### New modules\s+- billing/);
    assert.match(text, /### Dependency changes\s+- \[package\.json\]\(file:\/\/\/.*package\.json\)/);
    assert.match(text, /\| billing \| 2 \| ana \(2\) \|/);
    assert.match(text, /\| \. \| \d+ \| [^|]*bo \(1\)/);
    assert.match(text, /\[billing\/invoice\.js\]\(file:\/\/\//);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
