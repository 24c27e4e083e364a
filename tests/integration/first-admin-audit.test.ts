import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/db';
import { acceptAuditInserts, refuseAuditInserts } from '../helpers/refuse-audit';

/** The first account of an empty site becomes the admin together with its audit entry, or not at all. */
let database: Awaited<ReturnType<typeof useTestDatabase>>;

beforeAll(async () => {
  database = await useTestDatabase();
});

afterAll(async () => {
  await database.cleanup();
});

describe('the first account of an empty site', () => {
  it('is not created when its audit entry cannot be written, and is with it once it can', async () => {
    const { db } = await import('@/lib/db/client');
    const { registerUser } = await import('@/lib/services/register-user');
    const founder = { username: 'founder', password: 'password-123', confirmPassword: 'password-123' };
    await refuseAuditInserts(db());
    // Prisma reports the trigger's refusal as a failure of the audit insert.
    await expect(registerUser({ input: founder })).rejects.toThrow(/auditLog\.create\(\)/);
    expect(await db().user.count()).toBe(0);
    await acceptAuditInserts(db());
    const admin = await registerUser({ input: founder });
    expect(admin.role).toBe('admin');
    expect(await db().auditLog.findMany({ select: { action: true, actorId: true, targetUserId: true } }))
      .toEqual([{ action: 'user.first-admin', actorId: null, targetUserId: admin.id }]);
  });
});
