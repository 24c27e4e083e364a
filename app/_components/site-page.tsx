import { Card, PageTitle } from '@/app/_components/ui/card';
import { formatDateTime } from '@/lib/format';
import { renderMarkdown } from '@/lib/markdown/render';

export const markdownClass = 'space-y-2 break-words [&_a]:underline [&_h1]:text-xl [&_h1]:font-bold [&_h2]:text-lg [&_h2]:font-semibold [&_ul]:list-disc [&_ul]:pl-5 [&_ol]:list-decimal [&_ol]:pl-5';

/** An admin-edited page: its Markdown, rendered safely (lib/markdown/render.ts), and anything the page adds. */
export function SitePage({ title, body, updatedAt, children }: { title: string; body: string; updatedAt: Date | null; children?: React.ReactNode }) {
  return (
    <div className="space-y-6">
      <PageTitle>{title}</PageTitle>
      <Card>
        <div className={markdownClass} data-testid="page-body" dangerouslySetInnerHTML={{ __html: renderMarkdown(body) }} />
        {children}
        {updatedAt ? <p className="mt-4 text-xs text-zinc-500">Last changed {formatDateTime(updatedAt)}</p> : null}
      </Card>
    </div>
  );
}
