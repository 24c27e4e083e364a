import { formatDateTime } from '@/lib/format';
import { getSitePromotions } from '@/lib/services/get-site-promotions';

/** Site-wide freeleech or double upload, shown to members on every page while it runs, with its end. */
export async function PromotionBanner() {
  const { freeleechUntil, doubleUploadUntil } = await getSitePromotions();
  if (!freeleechUntil && !doubleUploadUntil) return null;
  return (
    <div role="status" data-testid="promotion-banner" className="border-b border-emerald-300 bg-emerald-50 px-4 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100">
      <div className="mx-auto max-w-6xl space-y-0.5">
        {freeleechUntil ? <p>Site-wide freeleech until <time dateTime={freeleechUntil.toISOString()}>{formatDateTime(freeleechUntil)}</time>: downloads do not count against your ratio.</p> : null}
        {doubleUploadUntil ? <p>Site-wide double upload until <time dateTime={doubleUploadUntil.toISOString()}>{formatDateTime(doubleUploadUntil)}</time>: everything you upload counts twice.</p> : null}
      </div>
    </div>
  );
}
