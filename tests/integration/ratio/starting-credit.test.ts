import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { createUser } from '@/lib/services/create-user';
import { registerUser } from '@/lib/services/register-user';
import { putSetting } from '@/lib/services/settings';
import { useTestDatabase } from '@/tests/helpers/db';
import { GIB } from './fixture';

let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
});
afterAll(() => cleanup());

const input = (username: string) => ({ username, password: 'password-123', confirmPassword: 'password-123' });
const uploadedOf = async (id: number) => (await db().user.findUniqueOrThrow({ where: { id }, select: { uploaded: true } })).uploaded;

describe('starting credit', () => {
  it('starts members at 0 uploaded by default', async () => {
    const first = await registerUser({ input: input('founder') });
    expect(await uploadedOf(first.id)).toBe(0n);
  });

  it('credits new members, registered or created by the operator, with the configured upload', async () => {
    await putSetting('startingCreditBytes', (5n * GIB).toString());
    await putSetting('registrationMode', 'open');
    const registered = await registerUser({ input: input('newcomer') });
    const created = await createUser({ username: 'operator-made', password: 'password-123', role: 'member' });
    expect(await uploadedOf(registered.id)).toBe(5n * GIB);
    expect(await uploadedOf(created.id)).toBe(5n * GIB);
  });

  it('rejects a starting credit that is not a whole number of bytes', async () => {
    await expect(putSetting('startingCreditBytes', '1.5')).rejects.toThrow('Enter a whole number of bytes');
  });
});
