import MarkdownIt from 'markdown-it';

/**
 * Markdown for torrent descriptions, safe to put into a page: raw HTML is escaped, links are limited to http,
 * https and mailto (and get rel="nofollow noopener noreferrer"), and only the torrent's own uploaded images are
 * loaded: `![alt](poster)`, `![alt](screenshot:2)` (counted from 1 in the order they were added) or the site URL of
 * one of them. Any other image becomes a plain link to it, so a description cannot make members' browsers contact
 * other hosts (no address or Referer leaks to whoever runs them).
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** The images a description may show: URLs on this site, served from the database. */
export interface DescriptionImages {
  poster: string | null;
  screenshots: string[];
}
interface Env {
  images?: DescriptionImages;
}

const ALLOWED = /^(https?:|mailto:)/i;
const REFERENCE = /^(?:poster|screenshot:(\d{1,3}))$/i;
const SITE_IMAGE = /^\/torrents\/\d+\/images\/[0-9a-f]{64}$/;
md.validateLink = (url: string) => ALLOWED.test(url.trim()) || REFERENCE.test(url) || SITE_IMAGE.test(url);

/** The site URL an image reference or URL stands for, when it is one of this torrent's images; else null. */
function ownImage(src: string, images: DescriptionImages | undefined): string | null {
  if (!images) return null;
  const reference = REFERENCE.exec(src);
  if (reference) return reference[1] === undefined ? images.poster : (images.screenshots[Number(reference[1]) - 1] ?? null);
  return SITE_IMAGE.test(src) && (src === images.poster || images.screenshots.includes(src)) ? src : null;
}

md.renderer.rules.image = (tokens, idx, _options, env: Env) => {
  const token = tokens[idx]!;
  const src = token.attrGet('src') ?? '';
  const alt = token.content || 'image';
  const own = ownImage(src, env.images);
  if (own) return `<img src="${md.utils.escapeHtml(own)}" alt="${md.utils.escapeHtml(token.content)}" loading="lazy" decoding="async">`;
  if (!ALLOWED.test(src) && !SITE_IMAGE.test(src)) return md.utils.escapeHtml(`[image: ${alt}]`);
  return `<a href="${md.utils.escapeHtml(src)}" rel="nofollow noopener noreferrer" target="_blank">${md.utils.escapeHtml(`[image: ${alt}]`)}</a>`;
};

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env: Env, self) => {
  const token = tokens[idx]!;
  const href = token.attrGet('href') ?? '';
  // [text](screenshot:2) links to the image itself; a reference to an image the torrent lacks links nowhere.
  if (REFERENCE.test(href)) {
    const own = ownImage(href, env.images);
    if (own) token.attrSet('href', own);
    else token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'href');
  }
  token.attrSet('rel', 'nofollow noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** How many levels headings move down: a description sits under the page's h1 and its card's h2. */
const HEADING_SHIFT = 2;
const demote = (tag: string) => `h${Math.min(6, Number(tag.slice(1)) + HEADING_SHIFT)}`;
for (const rule of ['heading_open', 'heading_close'] as const) {
  md.renderer.rules[rule] = (tokens, idx, options, _env, self) => {
    tokens[idx]!.tag = demote(tokens[idx]!.tag);
    return self.renderToken(tokens, idx, options);
  };
}

// A wide table scrolls inside its own box instead of making the whole page scroll sideways on a phone.
md.renderer.rules.table_open = (tokens, idx, options, _env, self) => `<div class="md-table">${self.renderToken(tokens, idx, options)}`;
md.renderer.rules.table_close = (tokens, idx, options, _env, self) => `${self.renderToken(tokens, idx, options)}</div>`;

/** Renders Markdown to safe HTML; `images` are the torrent's own, which the description may show. */
export function renderMarkdown(source: string, options: { images?: DescriptionImages } = {}): string {
  const env: Env = options.images ? { images: options.images } : {};
  return md.render(source, env);
}
