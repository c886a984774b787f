// A git repo that is dangerous to run git in, for the Restricted Mode suite
// (fault "Untrusted workspace: spawn no git"). It has commits by its own user.email on
// past weekdays, so a backfill would show; its .git/config makes git run a script that
// writes `marker` (outside the repo); and a `git` shim, put first on the server's PATH,
// logs every git started at all to `spawnLog`, since our git gateway overrides
// fsmonitor/hooks and so would never trip the config traps itself.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './host.mjs';

const EMAIL = 'dev@hands-on.test';

/** The last `count` weekdays before today, at local noon, oldest first. */
function pastWeekdays(count) {
  const days = [];
  const cursor = new Date();
  cursor.setHours(12, 0, 0, 0);
  while (days.length < count) {
    cursor.setDate(cursor.getDate() - 1);
    if (cursor.getDay() !== 0 && cursor.getDay() !== 6) days.unshift(new Date(cursor));
  }
  return days;
}

const localDay = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export function createUntrustedRepo() {
  const repo = tempDir('untrusted-repo');
  const traps = tempDir('untrusted-traps'); // outside the repo: the extension must not see it
  const marker = path.join(traps, 'git-ran-repo-config');
  const spawnLog = path.join(traps, 'git-spawns.log');
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const git = (args, env = {}) => execFileSync(realGit, args, { cwd: repo, env: { ...process.env, ...env }, stdio: 'pipe' });

  git(['init', '-q', '-b', 'main']);
  git(['config', 'user.email', EMAIL]);
  git(['config', 'user.name', 'Hands-On Test']);
  git(['config', 'commit.gpgsign', 'false']);
  const commitDays = pastWeekdays(3);
  for (const [i, day] of commitDays.entries()) {
    fs.writeFileSync(path.join(repo, 'README.md'), `# Sample ${i}\n`);
    git(['add', '.']);
    git(['commit', '-q', '-m', `work ${i}`], { GIT_AUTHOR_DATE: day.toISOString(), GIT_COMMITTER_DATE: day.toISOString() });
  }

  // The payload: any program the config names appends what ran it to the marker.
  const evil = path.join(traps, 'evil.sh');
  fs.writeFileSync(evil, `#!/bin/sh\necho "$0 $*" >> '${marker}'\n`, { mode: 0o755 });
  const hooks = path.join(traps, 'hooks');
  fs.mkdirSync(hooks);
  for (const hook of ['pre-commit', 'post-checkout', 'post-index-change', 'reference-transaction', 'pre-auto-gc']) {
    fs.copyFileSync(evil, path.join(hooks, hook));
    fs.chmodSync(path.join(hooks, hook), 0o755);
  }
  const hostile = {
    'core.fsmonitor': evil, // run by status, diff, add… (anything that refreshes the index)
    'core.hooksPath': hooks,
    'core.pager': evil,
    'core.editor': evil,
    'diff.external': evil,
    'alias.lg': `!${evil}`,
  };
  for (const [key, value] of Object.entries(hostile)) git(['config', key, value]);

  // Self-check that the trap is armed: a plain `git status` must trip core.fsmonitor.
  git(['status', '--porcelain']);
  if (!fs.existsSync(marker)) throw new Error('the hostile .git/config did not run its script on `git status`');
  fs.rmSync(marker);

  const shims = path.join(traps, 'bin');
  fs.mkdirSync(shims);
  fs.writeFileSync(path.join(shims, 'git'), `#!/bin/sh\nprintf '%s\\t%s\\n' "$PWD" "$*" >> '${spawnLog}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });

  return {
    repo,
    marker,
    spawnLog,
    /** Server environment: the shim first on PATH, and where the tests find the traps. */
    env: {
      PATH: `${shims}${path.delimiter}${process.env.PATH ?? ''}`,
      // Else the server replaces PATH for the extension host with a login shell's, dropping the
      // shim: VS Code skips resolving the shell environment when started "from its CLI".
      VSCODE_CLI: '1',
      HANDS_ON_GIT_SHIMS: shims,
      HANDS_ON_GIT_MARKER: marker,
      HANDS_ON_GIT_SPAWN_LOG: spawnLog,
      HANDS_ON_COMMIT_DAYS: commitDays.map(localDay).join(','),
    },
    cleanup: () => { for (const d of [repo, traps]) fs.rmSync(d, { recursive: true, force: true }); },
  };
}

/**
 * Clicks "Trust" in the Workspace Trust editor once the suite opens it (workbench.trust.manage):
 * there is no command that grants trust without a person, so the runner plays the person.
 */
export async function grantTrustWhenAsked(page) {
  const trust = page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ }).first();
  await trust.waitFor({ state: 'visible', timeout: 200_000 });
  await trust.click();
}
