/**
 * One fake GitHub for the in-host and UI tests: the refresh world of fakeGitHub.ts (reviews and bugs of REPO_A)
 * plus a pickable bug in a second repository served by fakePickUp.ts (read, assign, repository, pulls).
 * Both are built from recorded @octokit/fixtures bodies; see those files for what was changed.
 */
import { githubHandler, label, ME, world } from './fakeGitHub';
import type { Fault, World } from './fakeGitHub';
import type { Handler } from './fixtureServer';
import { issue as pickUpIssue, PICKUP_REPO, pickUpHandler, pickUpWorld } from './fakePickUp';
import type { PickUpWorld } from './fakePickUp';

export const PICKUP = `${PICKUP_REPO.owner}/${PICKUP_REPO.name}`;
export const PICKUP_BUG = 12;
/** handsOn.branchTemplate's default for the bug's title; the fake knows the branch, as if it were pushed. */
export const PICKUP_BRANCH = 'hands-on/12-crash-on-save';

export interface WorkspaceGitHub {
  readonly world: World;
  readonly pickUp: PickUpWorld;
  readonly handler: Handler;
}

export function workspaceGitHub(now: number, fault?: Fault): WorkspaceGitHub {
  const w = world(now);
  const pickUp = pickUpWorld();
  pickUp.canAssign.add(ME);
  // The body names the file the way people report crashes, for likelyFiles to find.
  const bug = pickUpIssue(PICKUP_BUG, { title: 'Crash on save', body: 'Saving an empty file throws:\n\n    TypeError: a is undefined\n        at add (index.js:2:30)\n' });
  bug.labels = [label('bug')];
  // The recording has 42 comments, a long thread that sizes a bug past half an hour; a small bug has a few.
  bug.comments = 1;
  // One object in both worlds: once assigned, it drops out of the unassigned-bug list too.
  w.otherIssues.set(PICKUP, [bug]);
  pickUp.issues.set(PICKUP_BUG, bug);
  const refresh = githubHandler(w);
  const pick = pickUpHandler(pickUp);
  const handler: Handler = (request) => {
    const override = fault?.(request);
    if (override) return override;
    const p = request.pathname;
    // The lists a refresh reads stay with the refresh world; the pick-up endpoints go to the pick-up world.
    const refreshList = /\/(issues|milestones)$/.test(p) || (p.endsWith('/pulls') && request.method === 'GET' && !request.query.get('head'));
    return p.startsWith(`/repos/${PICKUP}`) && !refreshList ? pick(request) : refresh(request);
  };
  return { world: w, pickUp, handler };
}
