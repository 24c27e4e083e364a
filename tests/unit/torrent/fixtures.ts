import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TorrentVersion } from '@/lib/torrent';

/** What tests/fixtures/torrents/make-fixtures.py recorded from libtorrent for each fixture. */
export interface ExpectedFixture {
  file: string;
  version: TorrentVersion;
  name: string;
  pieceLength: number;
  pieceCount: number;
  totalSize: number;
  files: { path: string[]; length: number; padding: boolean }[];
  infoHashV1: string | null;
  infoHashV2: string | null;
  bytes: number;
}

const DIR = path.resolve(import.meta.dirname, '../../fixtures/torrents');

export const expectedFixtures: ExpectedFixture[] = JSON.parse(readFileSync(path.join(DIR, 'expected.json'), 'utf8'));

export function fixtureBytes(file: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(DIR, file)));
}
