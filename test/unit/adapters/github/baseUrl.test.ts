import assert from 'node:assert/strict';
import { GitHubUrlError, normalizeGitHubBaseUrl, webUrlFor } from '../../../../src/adapters/github/baseUrl';

describe('GitHub adapter: base URL (GHE, faults.md 12)', () => {
  it('github.com in any spelling is the public API', () => {
    for (const uri of [undefined, '', '  ', 'https://github.com', 'github.com/', 'https://api.github.com/']) {
      assert.equal(normalizeGitHubBaseUrl(uri), 'https://api.github.com', String(uri));
    }
  });

  it('a GHE web address gets /api/v3, once, without trailing slashes; a proxy path prefix is kept', () => {
    assert.equal(normalizeGitHubBaseUrl('https://ghe.example.com'), 'https://ghe.example.com/api/v3');
    assert.equal(normalizeGitHubBaseUrl('https://ghe.example.com/'), 'https://ghe.example.com/api/v3');
    assert.equal(normalizeGitHubBaseUrl('https://ghe.example.com/api/v3/'), 'https://ghe.example.com/api/v3');
    assert.equal(normalizeGitHubBaseUrl('ghe.example.com:8443'), 'https://ghe.example.com:8443/api/v3');
    assert.equal(normalizeGitHubBaseUrl('https://example.com/github'), 'https://example.com/github/api/v3');
    assert.equal(webUrlFor('https://ghe.example.com/api/v3'), 'https://ghe.example.com');
  });

  it('refuses http:// except on loopback, other schemes, credentials in the URL, and garbage', () => {
    assert.throws(() => normalizeGitHubBaseUrl('http://ghe.example.com'), (e: unknown) => e instanceof GitHubUrlError && /https:\/\/ghe\.example\.com/.test(e.message));
    assert.equal(normalizeGitHubBaseUrl('http://127.0.0.1:8080'), 'http://127.0.0.1:8080/api/v3');
    assert.equal(normalizeGitHubBaseUrl('http://localhost:3000/api/v3'), 'http://localhost:3000/api/v3');
    assert.throws(() => normalizeGitHubBaseUrl('ftp://ghe.example.com'), GitHubUrlError);
    assert.throws(() => normalizeGitHubBaseUrl('https://user:pw@ghe.example.com'), GitHubUrlError);
    assert.throws(() => normalizeGitHubBaseUrl('https://'), GitHubUrlError);
  });
});
