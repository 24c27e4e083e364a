import { z } from 'zod';

/** The periods a history chart offers, in days. */
export const HISTORY_PERIODS = [7, 30, 365] as const;
export type HistoryPeriod = (typeof HISTORY_PERIODS)[number];

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/** `?days=` from the URL; anything else falls back to 30 days. */
export const historyPeriodSchema = z.preprocess(
  one,
  z.enum(['7', '30', '365']).default('30').catch('30').transform((v) => Number(v) as HistoryPeriod),
);
