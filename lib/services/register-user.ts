import 'server-only';
import { newPasskey } from '@/lib/auth/passkey';
import { hashPassword } from '@/lib/auth/password';
import { RegistrationLimit } from '@/lib/auth/registration-limit';
import { db, dbReady, type Db } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/errors';
import { serializable } from '@/lib/db/serializable';
import { AppError } from '@/lib/errors';
import { limitStore } from '@/lib/shared-state/rate-limit';
import { type RegisterInput } from '@/lib/validation/auth';
import { writeAudit } from './audit';
import { inviteUsed } from './notifications/messages';
import { notify } from './notifications/notify';
import { getSetting } from './settings';

export interface RegisteredUser {
  id: number;
  username: string;
  role: string;
}

let limit: RegistrationLimit | undefined;

/**
 * Creates an account. The first account of an empty database becomes the admin whatever the registration mode,
 * so a new site needs no setup command. Otherwise the mode decides: closed refuses, invite-only needs a valid
 * invite, open takes an invite if one is given (to record who invited whom). The first admin's creation is
 * audited in the same transaction. Attempts from the web carry the client's `ip` and are limited per address
 * (registration-limit.ts), and the mode, username and invite are checked, before the password is hashed.
 *
 * "Is this the first account?" is a read that decides a write, so the transaction is serializable: two
 * registrations on an empty PostgreSQL site would otherwise both count zero users and both become admin. The
 * loser runs again and registers as the mode says. The invite is claimed with a conditional update, so one invite
 * makes one account however the registrations interleave.
 */
export async function registerUser(options: { input: RegisterInput; ip?: string; now?: Date }): Promise<RegisteredUser> {
  const { input } = options;
  const now = options.now ?? new Date();
  if (options.ip !== undefined) {
    limit ??= new RegistrationLimit(limitStore());
    const waitMs = await limit.attempt(options.ip);
    if (waitMs > 0) {
      throw new AppError('TOO_MANY_REQUESTS', { userMessage: `Too many registrations from your address. Try again in ${Math.ceil(waitMs / 60_000)} minutes.` });
    }
  }
  await dbReady();
  const usernameKey = input.username.toLowerCase();
  const inviteCode = input.inviteCode || undefined;
  const mode = await getSetting('registrationMode');
  const startingCredit = BigInt(await getSetting('startingCreditBytes'));
  // The cheap checks first, so a registration the mode, the username or the invite refuses costs a few reads and
  // no argon2 hash; they run again below, in the transaction, where they decide.
  await admission(db(), { usernameKey, inviteCode, mode, now });
  const passwordHash = await hashPassword(input.password);

  try {
    return await serializable(async (tx) => {
      const { isFirst, invite } = await admission(tx, { usernameKey, inviteCode, mode, now });
      const user = await tx.user.create({
        data: {
          username: input.username,
          usernameKey,
          passwordHash,
          passkey: newPasskey(),
          role: isFirst ? 'admin' : 'member',
          invitedById: invite?.createdById ?? null,
          createdAt: now,
          uploaded: startingCredit,
        },
        select: { id: true, username: true, role: true },
      });
      if (invite) {
        const claimed = await tx.invite.updateMany({
          where: { id: invite.id, usedAt: null },
          data: { usedAt: now, usedById: user.id },
        });
        if (claimed.count !== 1) throw new AppError('BAD_REQUEST', { userMessage: 'This invite has already been used', field: 'inviteCode' });
        await notify(tx, { userIds: [invite.createdById], content: inviteUsed(user.username), now });
      }
      if (isFirst) await writeAudit({ actorId: null, action: 'user.first-admin', targetUserId: user.id }, tx);
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw takenError();
    throw error;
  }
}

type Reader = Pick<Db, 'user' | 'invite'>;

/** Whether this registration may go ahead: first account, mode, username, invite (in that order). */
async function admission(client: Reader, options: { usernameKey: string; inviteCode: string | undefined; mode: string; now: Date }) {
  const { usernameKey, inviteCode, mode, now } = options;
  const isFirst = (await client.user.count()) === 0;
  if (!isFirst && mode === 'closed') {
    throw new AppError('BAD_REQUEST', { userMessage: 'Registration is closed' });
  }
  if (await client.user.findUnique({ where: { usernameKey }, select: { id: true } })) {
    throw takenError();
  }
  let invite: { id: number; createdById: number } | null = null;
  if (!isFirst && (inviteCode || mode === 'invite')) {
    if (!inviteCode) throw new AppError('BAD_REQUEST', { userMessage: 'An invite is required to register', field: 'inviteCode' });
    const found = await client.invite.findUnique({ where: { code: inviteCode } });
    if (!found) throw new AppError('BAD_REQUEST', { userMessage: 'This invite code does not exist', field: 'inviteCode' });
    if (found.usedAt) throw new AppError('BAD_REQUEST', { userMessage: 'This invite has already been used', field: 'inviteCode' });
    if (found.expiresAt <= now) throw new AppError('BAD_REQUEST', { userMessage: 'This invite has expired', field: 'inviteCode' });
    invite = found;
  }
  return { isFirst, invite };
}

function takenError() {
  return new AppError('CONFLICT', { userMessage: 'This username is taken', field: 'username' });
}

