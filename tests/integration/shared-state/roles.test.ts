import type { Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { startServer } from '@/server';
import { bdecode } from '../../helpers/bencode-decode';
import { clientGet } from '../../helpers/client-get';
import { useTestDatabase } from '../../helpers/db';
import { freePort, ROOT } from '../../helpers/server';

let cleanup: () => Promise<void>;
let server: Server;
let url: string;

// GIVEBACK_ROLE=tracker needs PostgreSQL in a real start (lib/env.ts refuses it on SQLite); what is checked here
// is only what the role serves, on the database the tracker runs on in every branch.
beforeAll(async () => {
  ({ cleanup } = await useTestDatabase({ provider: 'sqlite' }));
  const port = await freePort();
  const env = { ...parseEnv({ ...process.env, PORT: String(port), HOST: '127.0.0.1' }), role: 'tracker' as const };
  server = (await startServer({ env, dev: false, dir: ROOT })) as Server;
  url = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.close();
  await cleanup();
});

describe('GIVEBACK_ROLE=tracker', () => {
  it('answers tracker URLs itself', async () => {
    const response = await clientGet(`${url}/tracker/${'0'.repeat(32)}/announce?info_hash=${'%AA'.repeat(20)}&peer_id=${'x'.repeat(20)}&port=6881`);
    const body = bdecode(response.body) as Record<string, Buffer>;
    expect(body['failure reason']?.toString()).toBe('unknown passkey: download the .torrent again from the site');
  });

  it.each(['/', '/login', '/api/auth/session', '/_next/static/x.js'])('answers %s with a plain 404, without the site', async (path) => {
    const response = await fetch(`${url}${path}`);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('Not found: this process serves only the tracker (/tracker/...)');
  });
});
