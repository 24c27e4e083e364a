import 'server-only';
import { windowOpen } from '@/lib/validation/ratio-settings';
import { getSetting } from './settings';

export interface SitePromotions {
  /** End of a site-wide freeleech that is running now, else null. */
  freeleechUntil: Date | null;
  /** End of a site-wide double upload that is running now, else null. */
  doubleUploadUntil: Date | null;
}

/** The site-wide freeleech and double upload windows open at `now`, as the tracker applies them. */
export async function getSitePromotions(options: { now?: Date } = {}): Promise<SitePromotions> {
  const now = (options.now ?? new Date()).getTime();
  const [freeleech, double] = await Promise.all([getSetting('siteFreeleechUntil'), getSetting('siteDoubleUploadUntil')]);
  return {
    freeleechUntil: windowOpen(freeleech, now) ? new Date(freeleech!) : null,
    doubleUploadUntil: windowOpen(double, now) ? new Date(double!) : null,
  };
}
