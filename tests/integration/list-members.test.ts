import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { listMembers } from '@/lib/services/moderation/list-members';
import { memberQuerySchema } from '@/lib/validation/moderation';
import { useTestDatabase } from '../helpers/db';

/** The staff members table, on whichever database the project runs (both run this file). */
const GiB = 1024n ** 3n;
const MEMBERS: { username: string; uploaded: bigint; downloaded: bigint; banned?: boolean; leechingDisabled?: boolean; watch?: boolean }[] = [
  { username: 'admin', uploaded: 0n, downloaded: 0n },
  { username: 'healthy', uploaded: 30n * GiB, downloaded: 10n * GiB },
  { username: 'leecher', uploaded: 1n * GiB, downloaded: 20n * GiB, leechingDisabled: true },
  { username: 'watched', uploaded: 5n * GiB, downloaded: 10n * GiB, watch: true },
  { username: 'cheat_er', uploaded: 900n * GiB, downloaded: 1n * GiB, banned: true },
  // Ratios that a float4 cannot tell apart: 1.00000001 and 1.00000002.
  { username: 'close1', uploaded: 100_000_001n, downloaded: 100_000_000n },
  { username: 'close2', uploaded: 100_000_002n, downloaded: 100_000_000n },
  { username: 'cheater', uploaded: 0n, downloaded: 0n },
];

let cleanup: () => Promise<void>;
let staff: SessionUser;

beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
  for (const [i, m] of MEMBERS.entries()) {
    await db().user.create({
      data: {
        username: m.username, usernameKey: m.username, passwordHash: 'x', passkey: String(i).padStart(32, '0'),
        role: i === 0 ? 'admin' : 'member', uploaded: m.uploaded, downloaded: m.downloaded,
        bannedAt: m.banned ? new Date() : null, leechingDisabled: m.leechingDisabled ?? false,
        watchStartedAt: m.watch ? new Date() : null, watchEndsAt: m.watch ? new Date(Date.now() + 86_400_000) : null,
      },
    });
  }
  staff = { id: 1, username: 'admin', role: 'admin' };
});
afterAll(() => cleanup());

const names = async (params: Record<string, string>) => {
  const { rows, total } = await listMembers({ actor: staff, query: memberQuerySchema.parse(params) });
  return { names: rows.map((r) => r.username), total };
};

describe('the staff members table', () => {
  it.each<[string, Record<string, string>, string[]]>([
    ['lists the worst ratios first, those who downloaded nothing last', {}, ['leecher', 'watched', 'close1', 'close2', 'healthy', 'cheat_er', 'admin', 'cheater']],
    ['lists the best ratios first when asked', { order: 'desc' }, ['admin', 'cheater', 'cheat_er', 'healthy', 'close2', 'close1', 'watched', 'leecher']],
    ['sorts by username', { sort: 'username' }, ['admin', 'cheat_er', 'cheater', 'close1', 'close2', 'healthy', 'leecher', 'watched']],
    ['sorts by upload, most first', { sort: 'uploaded', order: 'desc' }, ['cheat_er', 'healthy', 'watched', 'leecher', 'close2', 'close1', 'admin', 'cheater']],
    ['finds members by part of their name', { q: 'EAT', sort: 'joined' }, ['cheat_er', 'cheater']],
    ['takes an underscore in the search literally', { q: 't_' }, ['cheat_er']],
    ['takes a percent sign in the search literally', { q: '%' }, []],
    ['shows banned members', { status: 'banned' }, ['cheat_er']],
    ['shows members who may not leech', { status: 'leech-disabled' }, ['leecher']],
    ['shows members on a ratio watch', { status: 'watch' }, ['watched']],
    ['shows members who downloaded at least so much', { minDownloadedGiB: '10', sort: 'joined' }, ['healthy', 'leecher', 'watched']],
  ])('%s', async (_name, params, expected) => {
    expect(await names(params)).toEqual({ names: expected, total: expected.length });
  });

  it('shows each member as staff see them', async () => {
    const { rows } = await listMembers({ actor: staff, query: memberQuerySchema.parse({ status: 'watch' }) });
    expect(rows[0]).toMatchObject({ username: 'watched', role: 'member', uploaded: 5n * GiB, downloaded: 10n * GiB, banned: false, leechingDisabled: false });
    expect(rows[0]!.watchEndsAt).toBeInstanceOf(Date);
    expect(rows[0]!.createdAt).toBeInstanceOf(Date);
  });

  it('is refused to members', async () => {
    await expect(listMembers({ actor: { id: 2, username: 'healthy', role: 'member' }, query: memberQuerySchema.parse({}) })).rejects.toThrow('Staff only');
  });
});
