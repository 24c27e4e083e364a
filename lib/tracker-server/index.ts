/** The tracker's server layer: HTTP handling, caches over the TrackerStore (SQLite or PostgreSQL), accounting journaled per batch and folded into the database. */
export { createTracker } from './create-tracker';
export { createFrontDoor } from './front-door';
export type { FrontDoorOptions } from './front-door';
export type { CreateTrackerOptions, Tracker } from './create-tracker';
export { notifyTrackerChanged } from './invalidate';
export { leechDecision } from './leech-decision';
export type { LeechDecision, LeechDecisionInput } from './leech-decision';
export { trackerMessages } from './messages';
export { DEFAULT_TRACKER_SETTINGS } from './settings';
export type { TrackerSettings, TrackerSynchronous, TrustedProxy } from './settings';
