import MarkdownIt from 'markdown-it';

/**
 * Markdown for torrent descriptions, safe to put into a page: raw HTML is escaped, links are limited to http,
 * https and mailto (and get rel="nofollow noopener noreferrer"), and images are never loaded — an image becomes
 * a plain link to it, so a description cannot make members' browsers contact other hosts.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

const ALLOWED = /^(https?:|mailto:)/i;
md.validateLink = (url: string) => ALLOWED.test(url.trim());

md.renderer.rules.image = (tokens, idx) => {
  const token = tokens[idx]!;
  const src = token.attrGet('src') ?? '';
  const alt = token.content || 'image';
  if (!ALLOWED.test(src)) return md.utils.escapeHtml(alt);
  return `<a href="${md.utils.escapeHtml(src)}" rel="nofollow noopener noreferrer" target="_blank">${md.utils.escapeHtml(`[image: ${alt}]`)}</a>`;
};

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet('rel', 'nofollow noopener noreferrer');
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

export function renderMarkdown(source: string): string {
  return md.render(source);
}
