import { z } from 'zod';
import { PASSWORD_MAX, passwordSchema } from './auth';

export const resetPasswordSchema = z
  .object({
    newPassword: passwordSchema,
    confirmPassword: z.string().max(PASSWORD_MAX, `Password must be at most ${PASSWORD_MAX} characters`),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'Passwords do not match' });
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;
