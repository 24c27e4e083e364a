import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './server';

/**
 * The id Next.js gave a server action in the production build, read from its manifest, so a test can forge
 * the exact POST a browser would send to that action.
 */
export function serverActionId(file: string, exportName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, '.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.exportedName === exportName && entry.filename?.replace(/\\/g, '/').endsWith(file)) return id;
  }
  throw new Error(`no server action ${exportName} in ${file}`);
}
