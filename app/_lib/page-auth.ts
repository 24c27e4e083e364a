import 'server-only';
import { forbidden, unauthorized } from 'next/navigation';
import { hasRole, type Role } from '@/lib/auth/roles';
import { currentUser, type SessionUser } from '@/lib/auth/session';

/** The logged-in member for a page, or the 401 page. */
export async function pageUser(): Promise<SessionUser> {
  const actor = await currentUser();
  if (!actor) unauthorized();
  return actor;
}

/** The logged-in member if they hold at least `minimum`, else the 401 or 403 page. */
export async function pageRole(minimum: Role): Promise<SessionUser> {
  const actor = await pageUser();
  if (!hasRole(actor.role, minimum)) forbidden();
  return actor;
}
