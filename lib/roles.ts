/** What a process of the site serves (GIVEBACK_ROLE, lib/env.ts; server.ts acts on it). */
export type Role = 'all' | 'web' | 'tracker';

/** The `failure reason` a `web` process answers to a tracker URL: the proxy in front should send those elsewhere. */
export const TRACKER_ELSEWHERE = 'this address serves the site only: the tracker runs in another process (route /tracker/ to it)';
