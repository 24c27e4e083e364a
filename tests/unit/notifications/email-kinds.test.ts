import { describe, expect, it } from 'vitest';
import { EMAIL_CHOOSABLE_KINDS, mailsKind, parseEmailKinds, serializeEmailKinds } from '@/lib/services/notifications/email-kinds';
import { NOTIFICATION_KINDS } from '@/lib/services/notifications/messages';

describe('email notification choices', () => {
  it('offers every kind but security notices, each with a label', () => {
    expect(EMAIL_CHOOSABLE_KINDS.map((k) => k.kind)).toEqual(NOTIFICATION_KINDS.filter((k) => k !== 'security.2fa-remove'));
    for (const k of EMAIL_CHOOSABLE_KINDS) expect(k.label).not.toBe('');
  });

  it.each([
    ['', []],
    ['role.change', ['role.change']],
    ['staff.message,role.change', ['role.change', 'staff.message']],
    ['role.change,gone.kind,,security.2fa-remove', ['role.change']],
  ] as const)('reads %j as %j (unknown and always-mailed kinds ignored)', (stored, kinds) => {
    expect(parseEmailKinds(stored)).toEqual(kinds);
  });

  it('writes kinds in one order whatever the order chosen', () => {
    expect(serializeEmailKinds(['staff.message', 'watch.start', 'staff.message'])).toBe('watch.start,staff.message');
  });

  it.each([
    ['role.change', 'role.change', true],
    ['stats.adjust', 'role.change', false],
    ['security.2fa-remove', '', true],
    ['account.restore', '', false],
  ] as const)('mails %s when the member chose %j: %s', (kind, stored, mailed) => {
    expect(mailsKind(kind, stored)).toBe(mailed);
  });
});
