/** Byte and time units shared by the ratio rules. */
export const GIB = 1024n ** 3n;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
