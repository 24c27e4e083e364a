import 'server-only';
import QRCode from 'qrcode';
import type { SessionUser } from '@/lib/auth/session';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, normalizeRecoveryCode, totpStep, totpUri } from '@/lib/auth/totp';
import { db } from '@/lib/db/client';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { writeAudit } from '../audit';

export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  /** While setting up: the secret to type in by hand, and its QR code as an SVG data URL made here. */
  pending: { secret: string; qrDataUrl: string } | null;
}

export async function getTwoFactorStatus(options: { actor: SessionUser }): Promise<TwoFactorStatus> {
  const user = await db().user.findUniqueOrThrow({ where: { id: options.actor.id }, select: { totpEnabledAt: true, totpPendingSecret: true } });
  const recoveryCodesLeft = await db().recoveryCode.count({ where: { userId: options.actor.id, usedAt: null } });
  const pending = !user.totpEnabledAt && user.totpPendingSecret
    ? { secret: user.totpPendingSecret, qrDataUrl: await qrDataUrl(totpUri({ issuer: env().siteName, username: options.actor.username, secret: user.totpPendingSecret })) }
    : null;
  return { enabled: user.totpEnabledAt !== null, enabledAt: user.totpEnabledAt, recoveryCodesLeft, pending };
}

async function qrDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** Starts (or restarts) setting up: a new secret waits for a code from the app to confirm it. */
export async function startTwoFactorSetup(options: { actor: SessionUser }): Promise<void> {
  const changed = await db().user.updateMany({ where: { id: options.actor.id, totpEnabledAt: null }, data: { totpPendingSecret: newTotpSecret() } });
  if (changed.count !== 1) throw new AppError('CONFLICT', { userMessage: 'Two-factor login is already on' });
}

/**
 * Turns two-factor login on once a code from the app proves it holds the pending secret; returns ten recovery
 * codes, shown this once (only their hashes are kept). The code's time step is spent, so it cannot log in.
 */
export async function confirmTwoFactorSetup(options: { actor: SessionUser; code: string; now?: Date }): Promise<string[]> {
  const now = options.now ?? new Date();
  const user = await db().user.findUniqueOrThrow({ where: { id: options.actor.id }, select: { totpEnabledAt: true, totpPendingSecret: true } });
  if (user.totpEnabledAt) throw new AppError('CONFLICT', { userMessage: 'Two-factor login is already on' });
  if (!user.totpPendingSecret) throw new AppError('BAD_REQUEST', { userMessage: 'Start the setup first', field: 'code' });
  const step = await totpStep({ secret: user.totpPendingSecret, code: options.code, now });
  if (step === null) throw new AppError('BAD_REQUEST', { userMessage: 'Wrong code: check that the app shows the site\'s entry and try the current code', field: 'code' });
  const codes = newRecoveryCodes();
  await db().$transaction(async (tx) => {
    const changed = await tx.user.updateMany({
      where: { id: options.actor.id, totpEnabledAt: null, totpPendingSecret: user.totpPendingSecret },
      data: { totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: now, totpLastStep: step },
    });
    if (changed.count !== 1) throw new AppError('CONFLICT', { userMessage: 'The setup changed meanwhile; reload the page and start again' });
    await tx.recoveryCode.deleteMany({ where: { userId: options.actor.id } });
    await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId: options.actor.id, codeHash: hashRecoveryCode(normalizeRecoveryCode(c)!) })) });
    await writeAudit({ actorId: options.actor.id, action: 'user.2fa-enable', targetUserId: options.actor.id }, tx);
  });
  return codes;
}
