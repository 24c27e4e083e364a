import type { Metadata, Viewport } from 'next';
import { hasRole } from '@/lib/auth/roles';
import { currentUser } from '@/lib/auth/session';
import { getSetting } from '@/lib/services/settings';
import { ratioStatusFor } from './_lib/ratio-status';
import { RatioBanner } from './_components/ratio-banner';
import { PromotionBanner } from './_components/promotion-banner';
import { env } from '@/lib/env';
import { SiteFooter } from './_components/site-footer';
import { SiteNav } from './_components/site-nav';
import './globals.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: { default: env().siteName, template: `%s · ${env().siteName}` } };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  const canUpload = user !== null && hasRole(user.role, await getSetting('uploadMinRole'));
  const ratio = user ? await ratioStatusFor(user, user.id) : null;
  return (
    <html lang="en">
      <body className="min-h-screen">
        <SiteNav user={user} siteName={env().siteName} canUpload={canUpload} stats={ratio ? { uploaded: ratio.uploaded, downloaded: ratio.downloaded, required: ratio.required } : null} />
        {user && ratio ? <RatioBanner status={ratio} username={user.username} /> : null}
        {user ? <PromotionBanner /> : null}
        <main className="mx-auto max-w-6xl px-4 py-6 sm:py-10">{children}</main>
        <SiteFooter />
      </body>
    </html>
  );
}
