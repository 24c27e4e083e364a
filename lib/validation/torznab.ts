import { TORZNAB_ERRORS, TORZNAB_LIMITS } from '@/lib/torznab/xml';

export const TORZNAB_FUNCTIONS = ['caps', 'search', 'tvsearch', 'movie'] as const;
export type TorznabFunction = (typeof TORZNAB_FUNCTIONS)[number];

export interface TorznabQuery {
  t: TorznabFunction;
  q: string;
  cats: number[] | null;
  offset: number;
  limit: number;
}

export type TorznabParse = { ok: true; value: TorznabQuery } | { ok: false; code: number; message: string };

const INT = /^\d{1,9}$/;

/**
 * A Torznab request's parameters (`t`, `q`, `cat`, `offset`, `limit`, and `season`/`ep` for tvsearch, which join
 * the words as S01E02 does in release names). A limit past the maximum is lowered to it, as the spec allows.
 */
export function parseTorznabQuery(params: URLSearchParams): TorznabParse {
  const t = params.get('t');
  if (!t) return { ok: false, code: TORZNAB_ERRORS.missingParameter, message: 'Missing parameter: t' };
  if (!(TORZNAB_FUNCTIONS as readonly string[]).includes(t)) return { ok: false, code: TORZNAB_ERRORS.noSuchFunction, message: `No such function: ${t.slice(0, 32)}` };
  const cat = params.get('cat')?.trim() ?? '';
  const catParts = cat ? cat.split(',').map((c) => c.trim()).filter(Boolean) : [];
  if (catParts.some((c) => !INT.test(c))) return { ok: false, code: TORZNAB_ERRORS.badParameter, message: 'Incorrect parameter: cat must be category numbers separated by commas' };
  const number = (name: string, fallback: number): number | null => {
    const v = params.get(name);
    if (v === null || v === '') return fallback;
    return INT.test(v) ? Number(v) : null;
  };
  const offset = number('offset', 0);
  if (offset === null) return { ok: false, code: TORZNAB_ERRORS.badParameter, message: 'Incorrect parameter: offset must be a whole number' };
  const limit = number('limit', TORZNAB_LIMITS.default);
  if (limit === null || limit === 0) return { ok: false, code: TORZNAB_ERRORS.badParameter, message: 'Incorrect parameter: limit must be a whole number from 1' };
  const words = [(params.get('q') ?? '').trim()];
  if (t === 'tvsearch') {
    const season = params.get('season');
    const ep = params.get('ep');
    if ((season && !INT.test(season)) || (ep && !INT.test(ep))) return { ok: false, code: TORZNAB_ERRORS.badParameter, message: 'Incorrect parameter: season and ep must be numbers' };
    if (season) words.push(`S${season.padStart(2, '0')}${ep ? `E${ep.padStart(2, '0')}` : ''}`);
  }
  return {
    ok: true,
    value: { t: t as TorznabFunction, q: words.filter(Boolean).join(' ').slice(0, 200), cats: catParts.length ? catParts.map(Number) : null, offset, limit: Math.min(limit, TORZNAB_LIMITS.max) },
  };
}
