import { openApiDocument } from '@/lib/api/openapi-document';
import { env } from '@/lib/env';

/** The API's OpenAPI document; public, like any API reference. */
export function GET() {
  return Response.json(openApiDocument({ serverUrl: env().publicUrl, siteName: env().siteName }), { headers: { 'cache-control': 'public, max-age=300' } });
}
