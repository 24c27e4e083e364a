import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Which pages may receive each server action: action id -> one pattern per page that uses it. */
export type ActionPages = ReadonlyMap<string, readonly RegExp[]>;

/**
 * Reads Next.js's server-action manifest (`workers` names the pages whose forms use each action, as
 * `app/(group)/torrents/[id]/page`) into URL patterns. Next.js answers an action posted to a page that does not use
 * it by re-sending the request to a page that does and answering `200 {}` (or the other page's answer with status
 * 200) whatever that page decided, streaming the body across; the site never posts an action anywhere but its own
 * page, so server.ts refuses such a request instead (see actionDestination).
 */
export function actionPagesFromManifest(manifest: unknown): ActionPages {
  const node = (manifest as { node?: Record<string, { workers?: Record<string, unknown> }> } | null)?.node ?? {};
  const pages = new Map<string, RegExp[]>();
  for (const [id, entry] of Object.entries(node)) {
    pages.set(id, Object.keys(entry.workers ?? {}).map(pagePattern));
  }
  return pages;
}

function pagePattern(worker: string): RegExp {
  const segments = worker.replace(/^app\//, '').replace(/(^|\/)page$/, '').split('/').filter(Boolean);
  let source = '';
  for (const segment of segments) {
    if (/^\(.*\)$/.test(segment) || segment.startsWith('@')) continue;
    if (/^\[\[\.\.\..+\]\]$/.test(segment)) source += '(?:/.+)?';
    else if (/^\[\.\.\..+\]$/.test(segment)) source += '/.+';
    else if (/^\[.+\]$/.test(segment)) source += '/[^/]+';
    else source += `/${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
  }
  return new RegExp(`^${source || '/'}/?$`);
}

/**
 * Where a server-action POST may go: `here` when `pathname` is one of the action's pages, `elsewhere` when the action
 * belongs to other pages only (refuse it), `unknown` when the manifest does not know the id (Next.js answers 404).
 */
export function actionDestination(pages: ActionPages, actionId: string, pathname: string): 'here' | 'elsewhere' | 'unknown' {
  const patterns = pages.get(actionId);
  if (!patterns) return 'unknown';
  return patterns.some((p) => p.test(pathname)) ? 'here' : 'elsewhere';
}

/** The build's manifest (`.next/server`, or `.next/dev/server` for `next dev`), or an empty map without one. */
export function readActionPages(dir: string, dev: boolean): ActionPages {
  const file = path.join(dir, '.next', ...(dev ? ['dev'] : []), 'server', 'server-reference-manifest.json');
  if (!existsSync(file)) return new Map();
  return actionPagesFromManifest(JSON.parse(readFileSync(file, 'utf8')));
}
