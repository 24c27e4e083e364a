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

export function renderMarkdown(source: string): string {
  return md.render(source);
}
