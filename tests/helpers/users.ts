import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import { ROOT, siteEnv, type RunningSite } from './server';

/** Creates an account with the documented command, as an operator would. */
export function createUserCli(site: RunningSite, username: string, password: string, role: 'member' | 'uploader' | 'moderator' | 'admin') {
  const made = spawnSync('npm', ['run', '--silent', 'user:create', '--', '--username', username, '--role', role], {
    cwd: ROOT,
    env: { ...siteEnv(site.dataDir, site.port, { DATABASE_URL: site.databaseUrl }), GIVEBACK_PASSWORD: password },
    encoding: 'utf8',
  });
  expect(made.stdout + made.stderr).toContain(`Created ${role} ${username}`);
}
