import { z } from 'zod';

export const SITE_PAGES = {
  rules: { title: 'Rules', path: '/rules' },
  faq: { title: 'FAQ', path: '/faq' },
  ratio: { title: 'How ratio works here', path: '/ratio' },
  uploading: { title: 'Uploading', path: '/uploading' },
} as const;
export type SitePageSlug = keyof typeof SITE_PAGES;
export const sitePageSlugSchema = z.enum(['rules', 'faq', 'ratio', 'uploading'], { error: 'No such page' });

export const sitePageBodySchema = z.string().max(50_000, 'At most 50,000 characters');

export const newsPostSchema = z.object({
  title: z.string().trim().min(3, 'Give a title (at least 3 characters)').max(200, 'At most 200 characters'),
  body: z.string().trim().min(1, 'Write the news').max(20_000, 'At most 20,000 characters'),
});
export type NewsPostInput = z.infer<typeof newsPostSchema>;
