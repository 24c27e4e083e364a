import 'server-only';
import { db } from '@/lib/db/client';
import { getSetting } from './settings';

/** What the registration page needs to know before anyone is logged in. */
export async function getRegistrationState() {
  const [mode, anyUser] = await Promise.all([getSetting('registrationMode'), db().user.findFirst({ select: { id: true } })]);
  return { mode, firstAccount: anyUser === null };
}
