import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiResponsesObject } from 'zod-openapi';
import type { ApiScope } from '@/lib/validation/api-token';
import {
  apiErrorSchema, categoryListSchema, memberStatsSchema, torrentDetailsSchema, torrentIdParamsSchema, torrentListSchema,
  uploadFormSchema, uploadResultSchema,
} from '@/lib/validation/api-v1';
import { browseQuerySchema } from '@/lib/validation/browse';

const errorContent = { content: { 'application/json': { schema: apiErrorSchema } } };
const ERRORS = {
  400: { description: 'The request is invalid: the message (and for uploads `fields`) says what to fix', ...errorContent },
  401: { description: 'No token, or an unknown, revoked or expired one', ...errorContent },
  403: { description: 'The token lacks the scope, the account is banned, or the site refuses (e.g. ratio rules)', ...errorContent },
  404: { description: 'No such torrent', ...errorContent },
  409: { description: 'The torrent is already on the site', ...errorContent },
  413: { description: 'The file is too large', ...errorContent },
  429: { description: 'Too many requests with this token; `Retry-After` says when to try again', ...errorContent },
  503: { description: 'The site is busy; `Retry-After` says when to try again', ...errorContent },
} as const;

type ErrorStatus = keyof typeof ERRORS;

function responses(ok: ZodOpenApiResponsesObject, statuses: ErrorStatus[]): ZodOpenApiResponsesObject {
  const errors = Object.fromEntries(([401, 403, 429, 503, ...statuses] as ErrorStatus[]).map((status) => [String(status), ERRORS[status]]));
  return { ...ok, ...errors } as ZodOpenApiResponsesObject;
}

const json = (description: string, schema: z.ZodType) => ({ description, content: { 'application/json': { schema } } });

function operation(scope: ApiScope, op: Omit<ZodOpenApiOperationObject, 'security'>): ZodOpenApiOperationObject {
  return { ...op, description: `${op.description ?? ''}\n\nNeeds a token with the \`${scope}\` scope.`.trim(), security: [{ bearer: [] }], 'x-scope': scope } as ZodOpenApiOperationObject;
}

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the handlers validate and answer with
 * (lib/validation/api-v1.ts, lib/validation/browse.ts). Each operation names its token scope in `x-scope`.
 */
export function openApiDocument(options: { serverUrl: string; siteName: string }) {
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: `${options.siteName} API`,
      version: '1.0.0',
      description: 'Create a token at /settings/api-tokens and send it as `Authorization: Bearer <token>`. Every error answers `{ "error": { "code", "message" } }`.',
    },
    servers: [{ url: `${options.serverUrl}/api/v1` }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token (gb_…)' } } },
    paths: {
      '/torrents': {
        get: operation('read', {
          operationId: 'searchTorrents',
          summary: 'Search and browse torrents',
          description: 'The filters and sorts of the site\'s torrent list, 50 per page. Malformed values fall back to their defaults.',
          requestParams: { query: browseQuerySchema },
          responses: responses({ 200: json('A page of torrents', torrentListSchema) }, []),
        }),
        post: operation('upload', {
          operationId: 'uploadTorrent',
          summary: 'Upload a torrent',
          description: 'The site\'s upload form as multipart/form-data, with the same checks and messages.',
          requestBody: { required: true, content: { 'multipart/form-data': { schema: uploadFormSchema } } },
          responses: responses({ 201: json('Uploaded', uploadResultSchema) }, [400, 409, 413]),
        }),
      },
      '/torrents/{id}': {
        get: operation('read', {
          operationId: 'getTorrent',
          summary: 'A torrent\'s details, files and accounting mode',
          requestParams: { path: torrentIdParamsSchema },
          responses: responses({ 200: json('The torrent', torrentDetailsSchema) }, [404]),
        }),
      },
      '/torrents/{id}/download': {
        get: operation('download', {
          operationId: 'downloadTorrent',
          summary: 'Your personal .torrent file',
          description: 'The same rules as the site: a member whose leeching is disabled gets 403 with the reason, except for torrents they uploaded, snatched or seed.',
          requestParams: { path: torrentIdParamsSchema },
          responses: responses({ 200: { description: 'The .torrent file', content: { 'application/x-bittorrent': { schema: z.string().meta({ format: 'binary' }) } } } }, [404]),
        }),
      },
      '/me': {
        get: operation('stats', {
          operationId: 'getOwnStats',
          summary: 'Your transfer, ratio, requirement, watch and seeding figures',
          responses: responses({ 200: json('Your figures', memberStatsSchema) }, []),
        }),
      },
      '/categories': {
        get: operation('read', {
          operationId: 'listCategories',
          summary: 'Categories, with their ids for uploads and their Torznab numbers',
          responses: responses({ 200: json('The categories', categoryListSchema) }, []),
        }),
      },
    },
  });
}
