import { describe, expect, it } from 'vitest';
import { describeAuditChange } from '@/app/_lib/describe-audit';

const MiB = 1024n ** 2n;
const GiB = 1024n ** 3n;

describe('audit entries in words', () => {
  it.each([
    ['a staff adjustment of downloaded', 'stats.downloaded', { downloaded: String((3920n * MiB) / 100n) }, { downloaded: String(60n * GiB) }, ['Downloaded: 39.20 MiB → 60.00 GiB']],
    ['a ban', 'user.ban', { banned: false }, { banned: true }, ['Banned: no → yes']],
    ['a role change', 'user.role', { role: 'member' }, { role: 'uploader' }, ['Role: member → uploader']],
    ['a torrent mode change, naming the torrent and only what changed', 'torrent.mode', { torrentId: 5, freeleech: false, neutral: false, doubleUpload: false }, { torrentId: 5, freeleech: true, neutral: false, doubleUpload: false }, ['Torrent: #5', 'Freeleech: no → yes']],
    ['a site-wide freeleech window', 'settings.siteFreeleechUntil', null, '2026-12-31T23:59:00.000Z', ['Site-wide freeleech until: none → 2026-12-31 23:59 UTC']],
    ['a watch that the rules started', 'watch.start', { leechingDisabled: false, leechingDisabledReason: null, watch: null }, { leechingDisabled: false, leechingDisabledReason: null, watch: { startedAt: '2026-12-01T10:00:00.000Z', endsAt: '2026-12-15T10:00:00.000Z', downloadedAtStart: String(2n * GiB), requiredAtStart: 0.6 } },
      ['Watch started: none → 2026-12-01 10:00 UTC', 'Watch ends: none → 2026-12-15 10:00 UTC', 'Downloaded at the watch’s start: none → 2.00 GiB', 'Required ratio at the watch’s start: none → 0.6']],
  ])('%s', (_name, action, before, after, lines) => {
    expect(describeAuditChange(action, before === null ? 'null' : JSON.stringify(before), JSON.stringify(after))).toEqual(lines);
  });

  it('lists what a deletion recorded, with no arrows', () => {
    expect(describeAuditChange('torrent.delete', JSON.stringify({ torrentId: 9, title: 'Aurora' }), null)).toEqual(['Torrent: #9', 'Title: Aurora']);
  });

  it('says nothing for an entry without before and after', () => {
    expect(describeAuditChange('user.passkey-reset', null, null)).toEqual([]);
  });
});
