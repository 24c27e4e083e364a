import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { useTestDatabase } from '../helpers/db';

/** News (staff, Markdown) and the admin-edited rules, FAQ and ratio pages. */
let cleanup: () => Promise<void>;
let admin: SessionUser;
let mod: SessionUser;
let member: SessionUser;
const T0 = new Date('2026-12-01T12:00:00Z');

const s = async () => ({
  news: await import('@/lib/services/site-pages/news'),
  pages: await import('@/lib/services/site-pages/site-pages'),
  validation: await import('@/lib/validation/site-pages'),
  fields: (await import('@/lib/validation/auth')).fieldErrors,
});

beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
  const { dbReady } = await import('@/lib/db/client');
  await dbReady();
  const make = async (name: string, role: SessionUser['role'], key: string): Promise<SessionUser> => {
    const u = await db().user.create({ data: { username: name, usernameKey: name, passwordHash: 'x', passkey: key.repeat(32), role } });
    return { id: u.id, username: name, role };
  };
  admin = await make('admin', 'admin', 'a');
  mod = await make('mod', 'moderator', 'b');
  member = await make('member', 'member', 'c');
});
afterAll(() => cleanup());

describe('news', () => {
  it('staff post news, newest first, audited; members cannot', async () => {
    const { news } = await s();
    await news.postNews({ actor: mod, input: { title: 'Welcome', body: '**Hello**' }, now: T0 });
    await news.postNews({ actor: admin, input: { title: 'Maintenance', body: 'Down at 3.' }, now: new Date(T0.getTime() + 1000) });
    expect((await news.listNews()).map((n) => [n.title, n.author])).toEqual([['Maintenance', 'admin'], ['Welcome', 'mod']]);
    await expect(news.postNews({ actor: member, input: { title: 'Spam', body: 'x' } })).rejects.toThrow('Staff only');
    expect(await db().auditLog.count({ where: { action: 'news.post' } })).toBe(2);
  });

  it('staff delete a post; deleting it again says it is gone', async () => {
    const { news } = await s();
    const { id } = await news.postNews({ actor: mod, input: { title: 'Oops', body: 'Wrong' }, now: T0 });
    await news.deleteNews({ actor: mod, id });
    await expect(news.deleteNews({ actor: mod, id })).rejects.toThrow('No such news post');
    expect((await news.listNews({ take: 50 })).map((n) => n.title)).not.toContain('Oops');
  });

  it.each([
    [{ title: 'Hi', body: 'x' }, { title: 'Give a title (at least 3 characters)' }],
    [{ title: 'Title', body: '  ' }, { body: 'Write the news' }],
  ])('refuses bad input next to the field', async (input, errors) => {
    const { validation, fields } = await s();
    const parsed = validation.newsPostSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(fields(parsed.error)).toEqual(errors);
  });
});

describe('pages', () => {
  it('shows the built-in text until an admin saves one; only admins may, and it is audited', async () => {
    const { pages } = await s();
    expect((await pages.getSitePage({ slug: 'ratio' })).body).toMatch(/^You downloaded, so give back/);
    await expect(pages.saveSitePage({ actor: mod, slug: 'rules', body: '1. Be nice' })).rejects.toThrow('Admins only');
    await pages.saveSitePage({ actor: admin, slug: 'rules', body: '1. Be nice', now: T0 });
    await pages.saveSitePage({ actor: admin, slug: 'rules', body: '1. Be nice\n2. Seed', now: T0 });
    expect(await pages.getSitePage({ slug: 'rules' })).toEqual({ body: '1. Be nice\n2. Seed', updatedAt: T0 });
    expect(await db().auditLog.findMany({ where: { action: 'page.rules' }, orderBy: { id: 'asc' }, select: { before: true, after: true } })).toEqual([
      { before: null, after: '"1. Be nice"' },
      { before: '"1. Be nice"', after: '"1. Be nice\\n2. Seed"' },
    ]);
  });

  it('refuses an unknown page', async () => {
    const { validation } = await s();
    expect(validation.sitePageSlugSchema.safeParse('about').error?.issues[0]?.message).toBe('No such page');
  });
});
