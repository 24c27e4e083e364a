/**
 * Torznab's standard categories (the Newznab numbers Prowlarr, Sonarr and Radarr filter on). A site category
 * maps to one of them: the number an admin set, else one derived from its slug, else 8000 (Other).
 */
export const TORZNAB_CATEGORIES: readonly { id: number; name: string }[] = [
  { id: 1000, name: 'Console' },
  { id: 2000, name: 'Movies' },
  { id: 3000, name: 'Audio' },
  { id: 4000, name: 'PC' },
  { id: 4050, name: 'PC/Games' },
  { id: 5000, name: 'TV' },
  { id: 5070, name: 'TV/Anime' },
  { id: 6000, name: 'XXX' },
  { id: 7000, name: 'Books' },
  { id: 8000, name: 'Other' },
];

export const TORZNAB_IDS: ReadonlySet<number> = new Set(TORZNAB_CATEGORIES.map((c) => c.id));

const BY_SLUG: Record<string, number> = {
  movies: 2000, movie: 2000, films: 2000, film: 2000,
  tv: 5000, series: 5000, shows: 5000, anime: 5070,
  music: 3000, audio: 3000, audiobooks: 3000,
  games: 4050, game: 4050, console: 1000,
  software: 4000, apps: 4000, applications: 4000,
  books: 7000, ebooks: 7000, comics: 7000,
  xxx: 6000,
};

export function torznabCategoryOf(category: { slug: string; torznabId: number | null }): number {
  return category.torznabId ?? BY_SLUG[category.slug.toLowerCase()] ?? 8000;
}

/** The parent of a subcategory (5070 -> 5000): a search for 5000 also finds 5070. */
export function torznabParent(id: number): number {
  return Math.floor(id / 1000) * 1000;
}
