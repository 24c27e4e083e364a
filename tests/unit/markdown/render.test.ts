import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '@/lib/markdown/render';

describe('description markdown', () => {
  it.each([
    ['escapes raw HTML', '<script>alert(1)</script>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n'],
    ['drops javascript: links, keeping the text', '[x](javascript:alert(1))', '<p>[x](javascript:alert(1))</p>\n'],
    ['drops data: links', '[x](data:text/html;base64,AAAA)', '<p>[x](data:text/html;base64,AAAA)</p>\n'],
    ['keeps https links, marked nofollow', '[site](https://example.org/a)', '<p><a href="https://example.org/a" rel="nofollow noopener noreferrer">site</a></p>\n'],
    ['keeps mailto links', '[mail](mailto:a@b.c)', '<p><a href="mailto:a@b.c" rel="nofollow noopener noreferrer">mail</a></p>\n'],
    ['turns images into links instead of loading them', '![cover](https://img.example/c.png)', '<p><a href="https://img.example/c.png" rel="nofollow noopener noreferrer" target="_blank">[image: cover]</a></p>\n'],
    ['demotes a # heading below the page title and its card (no second h1)', '# Notes\n\n## Tracks', '<h3>Notes</h3>\n<h4>Tracks</h4>\n'],
    ['keeps the deepest headings at h6', '##### Five\n\n###### Six', '<h6>Five</h6>\n<h6>Six</h6>\n'],
    ['wraps a table in a box of its own that scrolls', '| a | b |\n| - | - |\n| 1 | 2 |', '<div class="md-table"><table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n</div>'],
    ['renders emphasis and lists', '*a* **b**\n\n- one', '<p><em>a</em> <strong>b</strong></p>\n<ul>\n<li>one</li>\n</ul>\n'],
  ])('%s', (_name, source, html) => {
    expect(renderMarkdown(source)).toBe(html);
  });

  it('never emits an img tag or an inline event handler', () => {
    const html = renderMarkdown('![a](https://x/y.png) <img src=x onerror=alert(1)> [b](https://x "t" onclick=1)');
    expect(html).not.toMatch(/<img/);
    expect(html).not.toMatch(/<[^>]*\son\w+=/);
  });
});

describe('description images', () => {
  const poster = `/torrents/5/images/${'a'.repeat(64)}`;
  const shot = `/torrents/5/images/${'b'.repeat(64)}`;
  const images = { poster, screenshots: [shot] };

  it.each([
    ['shows the poster by name', '![cover](poster)', `<p><img src="${poster}" alt="cover" loading="lazy" decoding="async"></p>\n`],
    ['shows a screenshot by number, counted from 1', '![menu](screenshot:1)', `<p><img src="${shot}" alt="menu" loading="lazy" decoding="async"></p>\n`],
    ['shows an uploaded image by its site URL', `![menu](${shot})`, `<p><img src="${shot}" alt="menu" loading="lazy" decoding="async"></p>\n`],
    ['names a screenshot the torrent lacks as text', '![menu](screenshot:2)', '<p>[image: menu]</p>\n'],
    ['keeps another torrent\'s image a plain link', `![x](/torrents/6/images/${'c'.repeat(64)})`, `<p><a href="/torrents/6/images/${'c'.repeat(64)}" rel="nofollow noopener noreferrer" target="_blank">[image: x]</a></p>\n`],
    ['keeps an external image a plain link, never loaded', '![x](https://img.example/x.png)', '<p><a href="https://img.example/x.png" rel="nofollow noopener noreferrer" target="_blank">[image: x]</a></p>\n'],
    ['links to a screenshot with [text](screenshot:1)', '[full size](screenshot:1)', `<p><a href="${shot}" rel="nofollow noopener noreferrer">full size</a></p>\n`],
    ['links nowhere for a missing screenshot', '[full size](screenshot:3)', '<p><a rel="nofollow noopener noreferrer">full size</a></p>\n'],
  ])('%s', (_name, source, html) => {
    expect(renderMarkdown(source, { images })).toBe(html);
  });

  it('loads nothing when the page gives no images (news, site pages)', () => {
    expect(renderMarkdown(`![cover](poster) ![s](${shot})`)).not.toMatch(/<img/);
  });
});
