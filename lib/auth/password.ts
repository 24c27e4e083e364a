import argon2 from 'argon2';

/**
 * argon2id with OWASP's minimum (19 MiB, 2 iterations, parallelism 1). The PHC string stores the parameters,
 * so raising them later only affects new hashes; `needsRehash` tells when an old one should be upgraded.
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

export function needsRehash(hash: string): boolean {
  return argon2.needsRehash(hash, OPTIONS);
}

let dummy: Promise<string> | undefined;

/** Spends the same time as a real verification, so an unknown username is not revealed by timing. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword('giveback-timing-equaliser');
  await verifyPassword(await dummy, password);
  return false;
}
