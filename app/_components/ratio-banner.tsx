import Link from 'next/link';
import { formatBytes, formatDateTime } from '@/lib/format';
import type { RatioStatus } from '@/lib/services/ratio/get-ratio-status';

/** Shown on every page while a member is on ratio watch or cannot leech: what happens, by when, and what to do. */
export function RatioBanner({ status, username }: { status: RatioStatus; username: string }) {
  if (status.leechingMessage) {
    return (
      <div role="alert" data-testid="ratio-banner" className="border-b border-red-300 bg-red-50 px-4 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
        <div className="mx-auto max-w-6xl">{status.leechingMessage}. <Link href={`/users/${encodeURIComponent(username)}`}>Your ratio</Link></div>
      </div>
    );
  }
  if (!status.watch) return null;
  return (
    <div role="status" data-testid="ratio-banner" className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      <div className="mx-auto max-w-6xl">
        Ratio watch: your ratio {status.ratio} is below the required {status.requiredText}. Upload {formatBytes(status.bytesToUpload)} more by{' '}
        {formatDateTime(status.watch.endsAt)}, or leeching will be disabled. Seeding what you have counts.
      </div>
    </div>
  );
}
