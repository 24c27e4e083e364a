import { describe, expect, it } from 'vitest';
import { leechDecision, type LeechDecisionInput } from '@/lib/ratio/leech-decision';

const STAFF_MESSAGE = 'Leeching disabled by staff; seeding is still allowed';

function decide(over: Partial<LeechDecisionInput>) {
  return leechDecision({ leechingDisabled: true, leechingDisabledReason: 'ratio', uploaded: 21n, downloaded: 100n, required: 0.4, ...over });
}

describe('leechDecision', () => {
  it('allows leeching that is not disabled, whatever the ratio', () => {
    expect(decide({ leechingDisabled: false, leechingDisabledReason: null, uploaded: 0n })).toEqual({ allowed: true });
  });

  it.each<[string, Partial<LeechDecisionInput>, string]>([
    ['the ratio and the requirement', {}, 'Leeching disabled: ratio 0.21 is below the required 0.40; seed to recover'],
    ['a ratio truncated, never rounded up', { uploaded: 599n, downloaded: 1000n, required: 0.6 },
      'Leeching disabled: ratio 0.59 is below the required 0.60; seed to recover'],
    ['a requirement rounded up, so the two never print equal', { uploaded: 433n, downloaded: 1000n, required: 0.4333 },
      'Leeching disabled: ratio 0.43 is below the required 0.44; seed to recover'],
    ['nothing uploaded', { uploaded: 0n, downloaded: 5n * 2n ** 60n, required: 0.15 },
      'Leeching disabled: ratio 0.00 is below the required 0.15; seed to recover'],
  ])('refuses ratio-disabled leeching naming %s', (_case, over, message) => {
    expect(decide(over)).toEqual({ allowed: false, message });
  });

  it.each<[string, Partial<LeechDecisionInput>]>([
    ['a bad ratio', {}],
    ['a good ratio', { uploaded: 500n }],
    ['nothing downloaded', { downloaded: 0n }],
  ])('refuses staff-disabled leeching with %s', (_case, over) => {
    expect(decide({ leechingDisabledReason: 'staff', ...over })).toEqual({ allowed: false, message: STAFF_MESSAGE });
  });

  it('treats disabled leeching with no recorded reason as disabled by staff', () => {
    expect(decide({ leechingDisabledReason: null, uploaded: 500n })).toEqual({ allowed: false, message: STAFF_MESSAGE });
  });

  it.each<[string, Partial<LeechDecisionInput>]>([
    ['back at the requirement', { uploaded: 40n }],
    ['with nothing downloaded', { downloaded: 0n }],
  ])('allows ratio-disabled leeching again once the ratio is %s', (_case, over) => {
    expect(decide(over)).toEqual({ allowed: true });
  });
});
