import { type RatioTransition, type WatchSettings } from '@/lib/ratio';
import {
  leechingDisabledByRatio, leechingRestoredByRatio, watchEnded, watchStarted, type NotificationContent,
} from './messages';

/** What the member is told about one automatic ratio transition (none for 'none'). */
export function ratioNotifications(
  t: RatioTransition, totals: { uploaded: bigint; downloaded: bigint; required: number; settings: WatchSettings },
): NotificationContent[] {
  switch (t.kind) {
    case 'none':
      return [];
    case 'start-watch':
      return t.after.watch ? [watchStarted({ ...totals, endsAt: t.after.watch.endsAt })] : [];
    case 'end-watch':
      // Two changes, as the audit log has them: the watch is over, and downloading (if the rule had stopped it) is back.
      return t.leechingRestored ? [watchEnded(totals), leechingRestoredByRatio(totals)] : [watchEnded(totals)];
    case 'restore-leeching':
      return [leechingRestoredByRatio(totals)];
    case 'disable-leeching':
      return [leechingDisabledByRatio({ ...totals, why: t.reason, limitBytes: totals.settings.maxDownloadDuringWatchBytes })];
  }
}

