import { z } from 'zod';

/**
 * What a token may do. `read`: search, browse, details, Torznab; `download`: personal .torrent files; `upload`;
 * `stats`: the member's own figures; `staff`: reserved for staff tools, only staff may grant it.
 */
export const API_SCOPES = ['read', 'download', 'upload', 'stats', 'staff'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const STAFF_SCOPES: readonly ApiScope[] = ['staff'];

export const TOKEN_NAME_MAX = 60;
/** Expiry choices offered by the form, in days; empty means the token never expires. */
export const EXPIRY_DAYS = [7, 30, 90, 365] as const;

export const apiScopeListSchema = z
  .array(z.string())
  .transform((list) => [...new Set(list.flatMap((s) => s.split(',')).map((s) => s.trim().toLowerCase()).filter(Boolean))])
  .pipe(
    z
      .array(z.enum(API_SCOPES, { message: `Scopes are ${API_SCOPES.join(', ')}` }))
      .min(1, 'Choose at least one scope'),
  );

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(1, 'Name the token (e.g. the tool that uses it)').max(TOKEN_NAME_MAX, `Name must be at most ${TOKEN_NAME_MAX} characters`),
  scopes: apiScopeListSchema,
  expiresInDays: z
    .union([z.literal(''), z.coerce.number().int('Choose an expiry').min(1, 'Choose an expiry').max(3650, 'A token expires within 10 years at most')])
    .transform((v) => (v === '' ? null : v)),
});
export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;
