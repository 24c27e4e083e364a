/**
 * `npm run user:create -- --username NAME [--admin | --role ROLE]`: creates an account from the command line.
 * The password is read from the GIVEBACK_PASSWORD variable or, if unset, from the first line of standard input,
 * so it never appears in the process list or shell history.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { isRole } from '@/lib/auth/roles';
import { applyMigrations } from '@/lib/db/migrate';
import { migrationsDirFor } from '@/lib/db/provider';
import { env } from '@/lib/env';
import { isAppError } from '@/lib/errors';
import { createUser } from '@/lib/services/create-user';

const { values } = parseArgs({ options: { username: { type: 'string' }, admin: { type: 'boolean' }, role: { type: 'string' } } });
const role = values.admin ? 'admin' : (values.role ?? 'member');
if (!values.username || !isRole(role)) {
  console.error('Usage: npm run user:create -- --username NAME [--admin | --role member|uploader|moderator|admin]');
  process.exit(2);
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.GIVEBACK_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) process.stdout.write('Password: ');
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

try {
  await applyMigrations({ databaseUrl: env().databaseUrl, migrationsDir: migrationsDirFor(env().databaseUrl, path.resolve(import.meta.dirname, '..')) });
  const user = await createUser({ username: values.username, password: await readPassword(), role });
  console.log(`Created ${user.role} ${user.username} (id ${user.id}).`);
  process.exit(0);
} catch (error) {
  console.error(isAppError(error) ? `Error: ${error.userMessage}` : error);
  process.exit(1);
}
