import { describe, expect, it } from 'vitest';
import { actionDestination, actionPagesFromManifest } from '@/lib/http/action-pages';

const manifest = {
  node: {
    invite: { workers: { 'app/(site)/invites/page': {} } },
    deleteTorrent: { workers: { 'app/(site)/torrents/[id]/page': {} } },
    everywhere: { workers: { 'app/page': {}, 'app/docs/[...slug]/page': {}, 'app/maybe/[[...rest]]/page': {} } },
  },
  edge: {},
};

describe('which page may receive a server action', () => {
  const pages = actionPagesFromManifest(manifest);
  it.each<[string, string, 'here' | 'elsewhere' | 'unknown']>([
    ['invite', '/invites', 'here'],
    ['invite', '/invites/', 'here'],
    ['invite', '/', 'elsewhere'],
    ['invite', '/invitesx', 'elsewhere'],
    ['deleteTorrent', '/torrents/12', 'here'],
    ['deleteTorrent', '/torrents/12/edit', 'elsewhere'],
    ['deleteTorrent', '/torrents', 'elsewhere'],
    ['everywhere', '/', 'here'],
    ['everywhere', '/docs/a/b', 'here'],
    ['everywhere', '/docs', 'elsewhere'],
    ['everywhere', '/maybe', 'here'],
    ['everywhere', '/maybe/x/y', 'here'],
    ['made-up', '/invites', 'unknown'],
  ])('%s posted to %s: %s', (id, pathname, expected) => {
    expect(actionDestination(pages, id, pathname)).toBe(expected);
  });

  it('reads no manifest as no actions', () => {
    expect(actionDestination(actionPagesFromManifest(null), 'invite', '/')).toBe('unknown');
  });
});
