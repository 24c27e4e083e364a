import { formatDateTime } from '@/lib/format';

export interface ThreadMessage {
  id: number;
  body: string;
  createdAt: Date;
  author: string;
  fromStaff: boolean;
}

/** A conversation between staff and a member, oldest message first. */
export function MessageThreadView({ messages }: { messages: ThreadMessage[] }) {
  return (
    <ol className="space-y-3" aria-label="Messages">
      {messages.map((m) => (
        <li key={m.id} className={`rounded-md border p-3 ${m.fromStaff ? 'border-brand-300 bg-brand-50 dark:border-brand-800 dark:bg-zinc-800' : 'border-zinc-200 dark:border-zinc-800'}`}>
          <p className="mb-1 text-xs text-zinc-500">{m.author}{m.fromStaff ? ' (staff)' : ''} · {formatDateTime(m.createdAt)}</p>
          <p className="whitespace-pre-wrap break-words text-sm">{m.body}</p>
        </li>
      ))}
    </ol>
  );
}
