import { describe, expect, it } from 'vitest';
import { nextRoundBytes, pacedStepBytes } from '@/lib/tracker-server/journal/round-size';

const MiB = 1024 * 1024;
const base = { current: 16 * MiB, min: MiB / 4, max: 16 * MiB, foldedBytes: 16 * MiB, budgetMs: 2500 };

describe('fold round size', () => {
  it('keeps a full round that held the lock within the budget', () => {
    expect(nextRoundBytes({ ...base, heldMs: 2000 })).toBe(16 * MiB);
  });

  it('shrinks in proportion after a round that held the lock too long, not below the minimum', () => {
    // 7 s for 16 MiB (a starved fold): the next round is what would have taken 2.5 s.
    expect(nextRoundBytes({ ...base, heldMs: 7000 })).toBe(Math.floor((16 * MiB * 2500) / 7000));
    expect(nextRoundBytes({ ...base, heldMs: 1_000_000 })).toBe(MiB / 4);
    // Sized on what the round folded: a short round that was slow still shrinks the budget.
    expect(nextRoundBytes({ ...base, foldedBytes: MiB, heldMs: 5000 })).toBe(MiB / 2);
  });

  it('goes back to full size after a fast round', () => {
    expect(nextRoundBytes({ ...base, current: MiB, foldedBytes: MiB, heldMs: 100 })).toBe(16 * MiB);
    expect(nextRoundBytes({ ...base, current: 12 * MiB, foldedBytes: 12 * MiB, heldMs: 1249 })).toBe(16 * MiB);
    // Between half the budget and the budget: stays.
    expect(nextRoundBytes({ ...base, current: 4 * MiB, foldedBytes: 4 * MiB, heldMs: 2000 })).toBe(4 * MiB);
  });

  it('leaves the budget as it is after a round with nothing to fold or no measure', () => {
    expect(nextRoundBytes({ ...base, current: MiB, foldedBytes: 0, heldMs: 9000 })).toBe(MiB);
    expect(nextRoundBytes({ ...base, current: MiB, heldMs: Number.NaN })).toBe(MiB);
  });
});

describe('fold step size', () => {
  const budget = { budgetMs: 2500 };

  it('has no pace to go by before the first step', () => {
    expect(pacedStepBytes({ ...budget, elapsedMs: 0, appliedBytes: 0 })).toBe(Number.POSITIVE_INFINITY);
    expect(pacedStepBytes({ ...budget, elapsedMs: 2000, appliedBytes: 0 })).toBe(Number.POSITIVE_INFINITY);
  });

  it('affords more than a full step at full speed', () => {
    // 1 MiB in 70 ms: half the 2.43 s left is about 17 MiB.
    expect(pacedStepBytes({ ...budget, elapsedMs: 70, appliedBytes: MiB })).toBe(Math.floor(((MiB / 70) * 2430) / 2));
    expect(pacedStepBytes({ ...budget, elapsedMs: 70, appliedBytes: MiB })).toBeGreaterThan(16 * MiB);
  });

  it('plans a slowed fold\'s next step to take half the budget left at its pace', () => {
    // 1 MiB took 1.5 s (starved): 1 s left, half of it at that pace.
    expect(pacedStepBytes({ ...budget, elapsedMs: 1500, appliedBytes: MiB })).toBe(Math.floor(((MiB / 1500) * 1000) / 2));
    // The steps shrink as the budget runs out.
    expect(pacedStepBytes({ ...budget, elapsedMs: 2400, appliedBytes: MiB })).toBe(Math.floor(((MiB / 2400) * 100) / 2));
  });

  it('affords nothing once the budget is used up', () => {
    expect(pacedStepBytes({ ...budget, elapsedMs: 2500, appliedBytes: MiB })).toBe(0);
    expect(pacedStepBytes({ ...budget, elapsedMs: 9000, appliedBytes: 0 })).toBe(0);
  });
});
