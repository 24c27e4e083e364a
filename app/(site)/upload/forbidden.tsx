import Link from 'next/link';
import { Ratio } from '@/app/_components/ratio';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { currentUser } from '@/lib/auth/session';
import { formatBytes, formatDate } from '@/lib/format';
import { renderMarkdown } from '@/lib/markdown/render';
import { getUploadAccess } from '@/lib/services/get-upload-access';

/**
 * The upload page's 403 (page.tsx calls forbidden()): instead of a bare refusal, the role it takes, the admins'
 * "Uploading" page on how to get it, and the member's own standing, which staff look at before granting it.
 */
export default async function UploadForbidden() {
  const actor = await currentUser();
  const access = actor ? await getUploadAccess({ actor }) : null;
  if (!access || access.allowed) {
    return (
      <div className="space-y-6">
        <PageTitle>Upload a torrent</PageTitle>
        <Card><p>You do not have permission to do this.</p></Card>
      </div>
    );
  }
  const s = access.standing;
  const facts: [string, React.ReactNode][] = [
    ['Your role', ROLE_LABELS[access.role]],
    ['Uploaded', formatBytes(s.uploaded)],
    ['Downloaded', formatBytes(s.downloaded)],
    ['Ratio', <Ratio key="r" uploaded={s.uploaded} downloaded={s.downloaded} required={s.required} />],
    ['Required ratio', s.requiredText],
    ['Seeding (7-day average)', s.averageSeeding.toFixed(1)],
    ['Torrents uploaded', s.uploads],
    ['Member since', formatDate(s.memberSince)],
  ];
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageTitle>Upload a torrent</PageTitle>
      <Card>
        <p className="mb-3 font-medium" data-testid="upload-needs-role">
          Uploading here needs the {ROLE_LABELS[access.minRole]} role; your role is {ROLE_LABELS[access.role]}.
        </p>
        <div className="markdown" data-testid="uploading-guide" dangerouslySetInnerHTML={{ __html: renderMarkdown(access.guide.body) }} />
        <p className="mt-3 text-sm"><Link href="/uploading">This text on its own page</Link> · <Link href="/rules">Rules</Link> · <Link href="/faq">FAQ</Link></p>
      </Card>
      <Card title="Your standing">
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4" data-testid="upload-standing">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt className="text-xs uppercase tracking-wide text-zinc-500">{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {s.onWatch ? <p className="mt-3 text-sm text-amber-700 dark:text-amber-400">You are on ratio watch: staff rarely grant the role before it ends.</p> : null}
      </Card>
    </div>
  );
}
