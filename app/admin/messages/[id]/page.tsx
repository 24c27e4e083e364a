import type { Metadata } from 'next';
import { ApiForm } from '@/app/_components/api-form';
import { MessageThreadView } from '@/app/_components/message-thread';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { pageRole } from '@/app/_lib/page-auth';
import { idOrNotFound, orNotFound } from '@/app/_lib/or-not-found';
import { getThread } from '@/lib/services/staff-messages/list-threads';

export const metadata: Metadata = { title: 'Conversation (staff)' };

export default async function StaffThreadPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageRole('moderator');
  const thread = await orNotFound(getThread({ actor, threadId: idOrNotFound((await params).id) }));
  return (
    <div className="space-y-6">
      <PageTitle>{thread.subject} · {thread.member}</PageTitle>
      <Card><MessageThreadView messages={thread.messages} /></Card>
      <Card title="Answer">
        <ApiForm id="reply" action={`/admin/messages/${thread.id}/reply`} submitLabel="Send answer" fields={[{ kind: 'textarea', name: 'body', label: 'Answer' }]} />
      </Card>
    </div>
  );
}
