import { idParam, staffRoute } from '@/app/_lib/staff-route';
import { formatDateTime } from '@/lib/format';
import { issueResetLink } from '@/lib/services/password-reset/issue-reset-link';

export const POST = staffRoute<{ id: string }>(async ({ actor, params }) => {
  const { url, expiresAt } = await issueResetLink({ actor, userId: idParam(params.id) });
  return { message: `Reset link created. It works once, until ${formatDateTime(expiresAt)}; it is not shown again.`, data: { url } };
});
