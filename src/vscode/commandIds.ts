/** Every command id in one place; package.json must list the same ids (a unit test checks). */
export const CommandIds = {
  showStats: 'handsOn.showStats',
  showDashboard: 'handsOn.showDashboard',
  togglePrivacy: 'handsOn.togglePrivacy',
  pauseTracking: 'handsOn.pauseTracking',
  resumeTracking: 'handsOn.resumeTracking',
  exportData: 'handsOn.exportData',
  refreshTasks: 'handsOn.refreshTasks',
  openTask: 'handsOn.openTask',
  snoozeTask: 'handsOn.snoozeTask',
  snoozeTaskWeek: 'handsOn.snoozeTaskWeek',
  dismissTask: 'handsOn.dismissTask',
  startTask: 'handsOn.startTask',
  fitTime: 'handsOn.fitTime',
  stopFocus: 'handsOn.stopFocus',
  signInToGitHub: 'handsOn.signInToGitHub',
  pickUpBug: 'handsOn.pickUpBug',
  whatChanged: 'handsOn.whatChanged',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];

/** Context keys used in `when` clauses. */
export const ContextKeys = {
  trackingPaused: 'handsOn.trackingPaused',
  privacy: 'handsOn.privacy',
  /** `refreshing`, `untrusted`, `noRepository` or `idle`: picks the Suggested Tasks welcome text. */
  tasksState: 'handsOn.tasksState',
  /** GitHubState kind: `signedOut`, `unauthorized` and `missingScope` show the Sign In to GitHub button. */
  githubState: 'handsOn.githubState',
} as const;
