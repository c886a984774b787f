// `githubRefreshRequests` and `githubRefreshRateCost`: a GitHub refresh where nothing changed, against the
// recorded-answer fake GitHub (test/unit/adapters/github/fakeGitHub.ts) on 127.0.0.1. The first refresh fills
// the ETag cache; the second one is the one measured, as every poll after the first is. Counted, not timed,
// so the figure does not depend on the machine. One workspace repository, the usual case; each further
// repository adds its own two 304s (open PRs, open issues). Usage: tsx bench/githubRefresh.bench.ts OUT.json
import { writeFileSync } from 'node:fs';
import { accountKey, createGitHubClient, fetchGitHubCandidates, GitHubCache } from '../src/adapters/github';
import { githubHandler, ME, REPO_A, world } from '../test/unit/adapters/github/fakeGitHub';
import { startServer } from '../test/unit/adapters/github/fixtureServer';

async function main(): Promise<void> {
  const now = Date.now();
  const server = await startServer(githubHandler(world(now)));
  try {
    const client = createGitHubClient({ token: 'gho_bench', baseUrl: server.baseUrl, userAgent: 'hands-on-bench' });
    const cache = GitHubCache.empty(accountKey(client.baseUrl, ME));
    const refresh = () => fetchGitHubCandidates({ client, cache, repos: [REPO_A], bugLabels: ['bug', 'good first issue', 'help wanted'], includeTeamReviews: false, login: ME, now });
    const first = await refresh();
    const quiet = await refresh();
    if (quiet.errors.length > 0) throw new Error(`the quiet refresh failed: ${quiet.errors.map((e) => e.message).join('; ')}`);
    if (quiet.candidates.length !== first.candidates.length) throw new Error('the quiet refresh found different tasks');
    const figures = { githubRefreshRequests: quiet.requests, githubRefreshRateCost: quiet.rateLimitCost, githubFirstRefreshRequests: first.requests };
    writeFileSync(process.argv[2]!, JSON.stringify(figures));
    console.log(JSON.stringify(figures));
  } finally {
    await server.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
