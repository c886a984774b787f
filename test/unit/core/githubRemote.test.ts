import assert from 'node:assert/strict';
import { parseGitHubRemotes, parseGitHubRemoteUrl, splitWebUrl } from '../../../src/core/githubRemote';

const DOT_COM = splitWebUrl('https://github.com')!;
const GHE = splitWebUrl('https://ghe.example.com')!;
const PROXIED = splitWebUrl('https://code.example.com/git')!;

describe('githubRemote: git remotes → GitHub repositories', () => {
  it('reads the usual github.com remote forms', () => {
    for (const url of [
      'https://github.com/octo/hello.git',
      'https://github.com/octo/hello',
      'https://github.com/octo/hello/',
      'https://user:secret@github.com/octo/hello.git',
      'http://www.github.com/octo/hello.git',
      'git@github.com:octo/hello.git',
      'git@github.com:octo/hello',
      'github.com:octo/hello.git',
      'ssh://git@github.com/octo/hello',
      'ssh://git@ssh.github.com:443/octo/hello.git',
      'git://github.com/octo/hello.git',
      'https://GitHub.com/octo/hello.git',
    ]) {
      assert.deepEqual(parseGitHubRemoteUrl(url, DOT_COM), { owner: 'octo', name: 'hello' }, url);
    }
  });

  it('keeps dots, dashes and underscores in names; drops only a final .git', () => {
    assert.deepEqual(parseGitHubRemoteUrl('git@github.com:my-org/site.github.io.git', DOT_COM), { owner: 'my-org', name: 'site.github.io' });
    assert.deepEqual(parseGitHubRemoteUrl('https://github.com/a_b/c-d_e', DOT_COM), { owner: 'a_b', name: 'c-d_e' });
  });

  it('ignores other hosts, local paths and URLs that are not owner/name', () => {
    for (const url of [
      'https://gitlab.com/octo/hello.git',
      'git@bitbucket.org:octo/hello.git',
      '/srv/git/hello.git',
      '../hello',
      'file:///srv/git/octo/hello.git',
      'https://github.com/octo',
      'https://github.com/octo/hello/tree/main',
      'https://github.com/octo/he llo',
      'https://github.com/octo/..',
      'https://ghe.example.com/octo/hello.git',
    ]) {
      assert.equal(parseGitHubRemoteUrl(url, DOT_COM), undefined, url);
    }
  });

  it('GHE: matches the server host (any port, any scheme), not github.com; honours a path prefix', () => {
    assert.deepEqual(parseGitHubRemoteUrl('https://ghe.example.com/team/app.git', GHE), { owner: 'team', name: 'app' });
    assert.deepEqual(parseGitHubRemoteUrl('git@GHE.example.com:team/app.git', GHE), { owner: 'team', name: 'app' });
    assert.deepEqual(parseGitHubRemoteUrl('ssh://git@ghe.example.com:2222/team/app', GHE), { owner: 'team', name: 'app' });
    assert.equal(parseGitHubRemoteUrl('https://github.com/team/app.git', GHE), undefined);
    assert.deepEqual(parseGitHubRemoteUrl('https://code.example.com/git/team/app.git', PROXIED), { owner: 'team', name: 'app' });
    assert.deepEqual(parseGitHubRemoteUrl('git@code.example.com:team/app.git', PROXIED), { owner: 'team', name: 'app' }, 'SSH has no proxy prefix');
  });

  it('reads `git remote -v`: every matching remote once, case-insensitively, in order', () => {
    const output = [
      'origin\tgit@github.com:me/fork.git (fetch)',
      'origin\tgit@github.com:me/fork.git (push)',
      'upstream\thttps://github.com/Octo/Hello.git (fetch)',
      'upstream\thttps://github.com/octo/hello.git (push)',
      'mirror\thttps://gitlab.com/octo/hello.git (fetch)',
      'local\t/srv/git/hello.git (fetch)',
      '',
    ].join('\n');
    assert.deepEqual(parseGitHubRemotes(output, 'https://github.com'), [{ owner: 'me', name: 'fork' }, { owner: 'Octo', name: 'Hello' }]);
    assert.deepEqual(parseGitHubRemotes(output.replace(/\n/g, '\r\n'), 'https://github.com').length, 2, 'Windows line ends');
    assert.deepEqual(parseGitHubRemotes(output, 'https://ghe.example.com'), []);
    assert.deepEqual(parseGitHubRemotes('', 'https://github.com'), []);
  });

  it('a loopback test server: the remote names its host and port', () => {
    const output = 'origin\thttp://127.0.0.1:8123/octokit-fixture-org/paginate-issues.git (fetch)\n';
    assert.deepEqual(parseGitHubRemotes(output, 'http://127.0.0.1:8123'), [{ owner: 'octokit-fixture-org', name: 'paginate-issues' }]);
  });
});
