import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as openApiRoute from '@/app/api/v1/openapi.json/route';
import type { SessionUser } from '@/lib/auth/session';
import { createApiToken } from '@/lib/services/api-tokens/create-api-token';
import { createUser } from '@/lib/services/create-user';
import { uploadTorrent } from '@/lib/services/upload-torrent';
import { createApiTokenSchema } from '@/lib/validation/api-token';
import * as schemas from '@/lib/validation/api-v1';
import { useTestDatabase } from '../../helpers/db';
import { ROOT } from '../../helpers/server';

const V1 = path.join(ROOT, 'app/api/v1');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Operation {
  'x-scope': string;
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}
type Document = { openapi: string; paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>> };

let cleanup: () => Promise<void>;
let document: Document;
let uploader: SessionUser;
let torrentId = 0;

/** The zod schema behind each named component: what a 2xx body of that component must parse with. */
const BY_ID = new Map<string, z.ZodType>(
  Object.values(schemas as Record<string, unknown>)
    .filter((s): s is z.ZodType => typeof s === 'object' && s !== null && 'meta' in s && typeof (s as z.ZodType).meta === 'function')
    .flatMap((s) => {
      const id = (s.meta() as { id?: string } | undefined)?.id;
      return id ? [[id, s] as const] : [];
    }),
);

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name.startsWith('_') ? [] : routeFiles(full);
    return name === 'route.ts' ? [full] : [];
  });
}

/** `/torrents/{id}` -> app/api/v1/torrents/[id]/route.ts */
const fileOf = (p: string) => path.join(V1, p.replace(/\{(\w+)\}/g, '[$1]'), 'route.ts');

beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
  uploader = (await createUser({ username: 'walker', password: 'password-1', role: 'uploader' })) as SessionUser;
  torrentId = (await uploadTorrent({ actor: uploader, bytes: new Uint8Array(readFileSync(path.join(ROOT, 'tests/fixtures/torrents/v1-multi.torrent'))), input: { title: 'Walk', categoryId: 1, tags: [], description: '' } })).id;
  const response = openApiRoute.GET();
  expect(response.status).toBe(200);
  document = (await response.json()) as Document;
});
afterAll(() => cleanup());

async function tokenWith(scopes: string) {
  return (await createApiToken({ actor: uploader, input: createApiTokenSchema.parse({ name: scopes, scopes: [scopes], expiresInDays: '' }) })).token;
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function invoke(p: string, method: string, op: Operation, token: string | null): Promise<Response> {
  const mod = (await import(/* @vite-ignore */ fileOf(p))) as Record<string, Handler>;
  const handler = mod[method.toUpperCase()];
  expect(handler, `${method.toUpperCase()} ${p} has no handler`).toBeTypeOf('function');
  const params: Record<string, string> = {};
  for (const param of op.parameters ?? []) if (param.in === 'path') params[param.name] = String(torrentId);
  const url = `http://localhost/api/v1${p.replace(/\{\w+\}/g, String(torrentId))}`;
  const headers = new Headers(token ? { authorization: `Bearer ${token}` } : {});
  let body: FormData | undefined;
  if (op.requestBody?.content['multipart/form-data']) {
    body = new FormData();
    body.set('title', 'Walked upload');
    body.set('categoryId', '2');
    body.set('file', new Blob([readFileSync(path.join(ROOT, 'tests/fixtures/torrents/hybrid-single.torrent'))]), 'x.torrent');
  }
  return handler!(new Request(url, { method: method.toUpperCase(), headers, body }), { params: Promise.resolve(params) });
}

async function expectDocumented(p: string, method: string, op: Operation, response: Response) {
  const documented = op.responses[String(response.status)];
  expect(documented, `${method.toUpperCase()} ${p} answered an undocumented ${response.status}`).toBeDefined();
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!;
  const content = documented!.content?.[type];
  expect(content, `${method.toUpperCase()} ${p} ${response.status} answered undocumented ${type}`).toBeDefined();
  const ref = content!.schema?.$ref;
  if (!ref) return;
  const schema = BY_ID.get(ref.replace('#/components/schemas/', ''));
  expect(schema, `no zod schema for ${ref}`).toBeDefined();
  const parsed = schema!.safeParse(await response.json());
  expect(parsed.error?.issues ?? [], `${method.toUpperCase()} ${p} ${response.status}: body does not match ${ref}`).toEqual([]);
}

describe('the OpenAPI document of /api/v1', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect([...BY_ID.keys()].sort()).toEqual(['CategoryList', 'Error', 'MemberStats', 'TorrentDetails', 'TorrentList', 'TorrentSummary', 'UploadForm', 'UploadResult']);
    expect(document.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
  });

  it('documents every route handler under /api/v1, and nothing that has none', () => {
    const documented = Object.entries(document.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${fileOf(p)}`));
    const handled = routeFiles(V1)
      .filter((f) => !f.includes('openapi.json'))
      .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => `${m[1]} ${file}`));
    expect(handled.sort()).toEqual(documented.sort());
  });

  it('matches the handlers: each operation answers a documented status and body with and without its scope', async () => {
    for (const [p, ops] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const op = ops[method];
        if (!op) continue;
        expect(op.responses['401'] && op.responses['403'] && op.responses['429']).toBeTruthy();
        const ok = await invoke(p, method, op, await tokenWith(op['x-scope']));
        expect(ok.status, `${method.toUpperCase()} ${p}`).toBeLessThan(300);
        await expectDocumented(p, method, op, ok);
        await expectDocumented(p, method, op, await invoke(p, method, op, null));
        const other = op['x-scope'] === 'read' ? 'stats' : 'read';
        const refused = await invoke(p, method, op, await tokenWith(other));
        expect(refused.status).toBe(403);
        await expectDocumented(p, method, op, refused);
      }
    }
  });
});
