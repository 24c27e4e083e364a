import { z } from 'zod';

export const messageBodySchema = z.string().trim().min(1, 'Write a message').max(10_000, 'At most 10,000 characters');

export const staffMessageSchema = z.object({
  subject: z.string().trim().min(3, 'Give a subject (at least 3 characters)').max(200, 'At most 200 characters'),
  body: messageBodySchema,
});
export type StaffMessageInput = z.infer<typeof staffMessageSchema>;
