/**
 * `npm run token:create -- --username NAME --scopes read,download [--name LABEL] [--expires-days N]`: creates an
 * API token for a member and prints it on standard output (the only time it is shown), for operators, tests
 * and automation. Staff scopes need a staff member.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isRole } from '@/lib/auth/roles';
import { db } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import { migrationsDirFor } from '@/lib/db/provider';
import { env } from '@/lib/env';
import { isAppError } from '@/lib/errors';
import { createApiToken } from '@/lib/services/api-tokens/create-api-token';
import { createApiTokenSchema } from '@/lib/validation/api-token';

const USAGE = 'Usage: npm run token:create -- --username NAME --scopes read,download,upload,stats [--name LABEL] [--expires-days N]';
const { values } = parseArgs({
  options: { username: { type: 'string' }, scopes: { type: 'string' }, name: { type: 'string' }, 'expires-days': { type: 'string' } },
});
if (!values.username || !values.scopes) {
  console.error(USAGE);
  process.exit(2);
}
const input = createApiTokenSchema.safeParse({ name: values.name ?? 'command line', scopes: [values.scopes], expiresInDays: values['expires-days'] ?? '' });
if (!input.success) {
  console.error(`Error: ${input.error.issues[0]?.message ?? 'invalid options'}`);
  process.exit(2);
}

try {
  await applyMigrations({ databaseUrl: env().databaseUrl, migrationsDir: migrationsDirFor(env().databaseUrl, path.resolve(import.meta.dirname, '..')) });
  const user = await db().user.findUnique({ where: { usernameKey: values.username.toLowerCase() }, select: { id: true, username: true, role: true, bannedAt: true } });
  if (!user || !isRole(user.role)) throw new Error(`No member named ${values.username}`);
  if (user.bannedAt) throw new Error(`${user.username} is banned`);
  const { token } = await createApiToken({ actor: { id: user.id, username: user.username, role: user.role }, input: input.data });
  console.log(token);
  process.exit(0);
} catch (error) {
  console.error(`Error: ${isAppError(error) ? error.userMessage : error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
