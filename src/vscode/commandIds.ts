/** Every command id in one place; package.json must list the same ids (a unit test checks). */
export const CommandIds = {
  showStats: 'handsOn.showStats',
  togglePrivacy: 'handsOn.togglePrivacy',
  pauseTracking: 'handsOn.pauseTracking',
  resumeTracking: 'handsOn.resumeTracking',
  exportData: 'handsOn.exportData',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];

/** Context keys used in `when` clauses. */
export const ContextKeys = {
  trackingPaused: 'handsOn.trackingPaused',
  privacy: 'handsOn.privacy',
} as const;
