import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { pageRole } from '@/app/_lib/page-auth';
import { formatDate } from '@/lib/format';
import { getInviteTree, type InviteTreeNode } from '@/lib/services/invites';

export const metadata: Metadata = { title: 'Invite tree' };

function Branch({ nodes }: { nodes: InviteTreeNode[] }) {
  return (
    <ul className="ml-4 border-l border-zinc-200 pl-4 dark:border-zinc-800">
      {nodes.map((node) => (
        <li key={node.id} className="py-1">
          <Link href={`/users/${encodeURIComponent(node.username)}`}>{node.username}</Link>{' '}
          <span className="text-xs text-zinc-500">{node.role} · joined {formatDate(node.createdAt)}{node.children.length ? ` · invited ${node.children.length}` : ''}</span>
          {node.children.length ? <Branch nodes={node.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

export default async function InviteTreePage() {
  const actor = await pageRole('moderator');
  const roots = await getInviteTree({ actor });
  return (
    <div className="space-y-6">
      <PageTitle>Invite tree</PageTitle>
      <Card>
        <nav aria-label="Invite tree" data-testid="invite-tree"><Branch nodes={roots} /></nav>
      </Card>
    </div>
  );
}
