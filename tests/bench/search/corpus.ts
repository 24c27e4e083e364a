/**
 * The bench's catalogue and queries, from one seeded generator: the same seed gives the same torrents and the
 * same query mix on every database, so SQLite and PostgreSQL are measured on identical work.
 */
export interface BenchTorrent {
  id: number;
  title: string;
  files: string[];
  tag: string;
  size: number;
  categoryId: number;
  uploaderId: number;
  createdAt: Date;
  seeders: number;
  leechers: number;
  snatches: number;
  freeleech: boolean;
}

export const USERS = 1000;
export const TAGS = ['1080p', '720p', '2160p', 'flac', 'mp3', 'epub', 'pdf', 'linux', 'windows', 'remux', 'web', 'bluray', 'documentary', 'anime', 'classic'];
export const CATEGORIES = ['movies', 'tv', 'music', 'games', 'software', 'books', 'other'];
const SORTS = ['added', 'name', 'size', 'seeders', 'leechers', 'snatches'];
const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'te', 'su', 'no', 'vi', 'be', 'da', 'zo', 'fi', 'gu', 'pe', 'xa', 'ri'];

export function createCorpus(torrents: number) {
  // mulberry32, in 32-bit integer arithmetic. (The LCG it replaces multiplied in doubles: its products passed 2^53,
  // the low bits it kept were rounding noise, and successive values were so correlated that 18 of 1,000,000
  // torrents had no seeders instead of about 31,000, and categories came out 2.5 times as often as one another.)
  let seed = 42;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const vocabulary = Array.from({ length: 20_000 }, (_, i) => {
    let w = '';
    let n = i + 7;
    do {
      w += SYLLABLES[n % SYLLABLES.length];
      n = Math.floor(n / SYLLABLES.length);
    } while (n > 0);
    return w;
  });
  /** Zipf-like: word rank r is chosen with probability ~ 1/r. */
  const zipf = () => vocabulary[Math.min(vocabulary.length - 1, Math.floor(Math.exp(rand() * Math.log(vocabulary.length)) - 1))]!;
  const start = Date.now() - torrents * 60_000;

  /** Torrents 1..N in batches, in id order (ids grow with upload time, as on the site). */
  function* batches(size: number): Generator<BenchTorrent[]> {
    for (let base = 1; base <= torrents; base += size) {
      const batch: BenchTorrent[] = [];
      for (let id = base; id < base + size && id <= torrents; id++) {
        const words = Array.from({ length: 3 + Math.floor(rand() * 4) }, zipf);
        const files = Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, i) => `${words[0]}/${zipf()}-${i}.mkv`);
        batch.push({
          id, title: words.join(' '), files, tag: TAGS[Math.floor(rand() * TAGS.length)]!, size: Math.floor(rand() * 2 ** 36),
          categoryId: 1 + Math.floor(rand() * 7), uploaderId: 1 + Math.floor(rand() * USERS), createdAt: new Date(start + id * 60_000),
          seeders: Math.floor(rand() * rand() * 200), leechers: Math.floor(rand() * rand() * 50), snatches: Math.floor(rand() * 500), freeleech: rand() < 0.05,
        });
      }
      yield batch;
    }
  }

  // Keyword mixes: a common word, a mid-frequency word, two words, and a prefix as typed.
  const keyword = () => {
    const pick = rand();
    if (pick < 0.25) return vocabulary[Math.floor(rand() * 20)]!;
    if (pick < 0.5) return vocabulary[100 + Math.floor(rand() * 2000)]!;
    if (pick < 0.75) return `${zipf()} ${zipf()}`;
    return zipf().slice(0, 3);
  };

  /** Filtered, sorted browsing without keywords. */
  const browse = (i: number): Record<string, string> => {
    const params: Record<string, string> = { sort: SORTS[i % SORTS.length]!, order: i % 2 ? 'asc' : 'desc', page: String(1 + (i % 5)) };
    if (i % 3 === 0) params.category = CATEGORIES[i % 7]!;
    if (i % 4 === 0) params.status = i % 8 === 0 ? 'alive' : 'dead';
    if (i % 5 === 0) params.tags = TAGS[i % TAGS.length]!;
    if (i % 7 === 0) params.freeleech = '1';
    return params;
  };

  const searchAndFilter = (i: number): Record<string, string> => ({ q: keyword(), category: ['movies', 'tv', 'music'][i % 3]!, sort: SORTS[i % SORTS.length]!, status: 'alive' });

  return { batches, keyword, browse, searchAndFilter };
}
