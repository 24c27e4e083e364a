import type { Metadata } from 'next';
import { MessageThreadView } from '@/app/_components/message-thread';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { pageUser } from '@/app/_lib/page-auth';
import { idOrNotFound, orNotFound } from '@/app/_lib/or-not-found';
import { getThread } from '@/lib/services/staff-messages/list-threads';
import { ReplyForm } from './reply-form';

export const metadata: Metadata = { title: 'Message from staff' };

export default async function ThreadPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageUser();
  const thread = await orNotFound(getThread({ actor, threadId: idOrNotFound((await params).id) }));
  return (
    <div className="space-y-6">
      <PageTitle>{thread.subject}</PageTitle>
      <Card><MessageThreadView messages={thread.messages} /></Card>
      <Card title="Answer"><ReplyForm threadId={thread.id} /></Card>
    </div>
  );
}
