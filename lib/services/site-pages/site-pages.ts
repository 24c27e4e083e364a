import 'server-only';
import { hasRole } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { SitePageSlug } from '@/lib/validation/site-pages';
import { writeAudit } from '../audit';

const DEFAULTS: Record<SitePageSlug, string> = {
  rules: 'The rules have not been written yet.',
  faq: [
    '## Who can see what I snatched?',
    '',
    'Staff see who completed a torrent and when; members see only how many did, and whether they did themselves. '
      + 'On a profile, everyone sees how many torrents a member snatched; which ones, only the member and staff. The JSON API follows the same rule.',
    '',
    '## I am seeding, so why do the peers show 0 B uploaded?',
    '',
    'A client tells the tracker what it uploaded only at its next announce, about every 30 minutes. Right after you start '
      + 'seeding the torrent page shows 0 B; the figure and your speed appear after that announce, and nothing is lost meanwhile.',
  ].join('\n'),
  ratio: 'You downloaded, so give back: upload at least the required ratio, which depends on how much you downloaded and '
    + 'how much you seed. Below it you go on ratio watch; if the watch runs out, downloading stops until you upload enough. '
    + 'Seeding always stays allowed.',
  uploading: 'Uploading is open to members whom the staff have given the uploader role. To ask for it, talk to a member of '
    + 'staff: tell them what you would like to share. They look at how you take part first, above all your ratio and how '
    + 'much you seed, so keep seeding what you download.',
};

/** A page's Markdown source (the built-in text until an admin saves one). */
export async function getSitePage(options: { slug: SitePageSlug }): Promise<{ body: string; updatedAt: Date | null }> {
  const row = await db().sitePage.findUnique({ where: { slug: options.slug } });
  return row ? { body: row.body, updatedAt: row.updatedAt } : { body: DEFAULTS[options.slug], updatedAt: null };
}

/** Admins edit the rules, FAQ, ratio and uploading pages; audited with the previous text. */
export async function saveSitePage(options: { actor: SessionUser; slug: SitePageSlug; body: string; now?: Date }): Promise<void> {
  if (!hasRole(options.actor.role, 'admin')) throw new AppError('FORBIDDEN', { userMessage: 'Admins only' });
  const now = options.now ?? new Date();
  await db().$transaction(async (tx) => {
    const before = await tx.sitePage.findUnique({ where: { slug: options.slug }, select: { body: true } });
    await tx.sitePage.upsert({
      where: { slug: options.slug },
      create: { slug: options.slug, body: options.body, updatedAt: now, updatedById: options.actor.id },
      update: { body: options.body, updatedAt: now, updatedById: options.actor.id },
    });
    await writeAudit({ actorId: options.actor.id, action: `page.${options.slug}`, before: before?.body, after: options.body }, tx);
  });
}
