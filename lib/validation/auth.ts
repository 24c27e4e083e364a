import { z } from 'zod';

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 32;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export const usernameSchema = z
  .string()
  .trim()
  .min(USERNAME_MIN, `Username must be at least ${USERNAME_MIN} characters`)
  .max(USERNAME_MAX, `Username must be at most ${USERNAME_MAX} characters`)
  .regex(/^[A-Za-z0-9_.-]+$/, 'Username may contain only letters, digits, _ - and .');

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Password must be at most ${PASSWORD_MAX} characters`);

export const inviteCodeSchema = z
  .string()
  .trim()
  .max(64, 'Invite code is too long')
  .regex(/^[0-9a-f]*$/, 'Invite code is not valid');

export const registerSchema = z
  .object({
    username: usernameSchema,
    password: passwordSchema,
    confirmPassword: z.string().max(PASSWORD_MAX, `Password must be at most ${PASSWORD_MAX} characters`),
    inviteCode: inviteCodeSchema.optional(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'Passwords do not match' });
export type RegisterInput = z.infer<typeof registerSchema>;

export const loginSchema = z.object({
  username: z.string().trim().min(1, 'Enter your username').max(USERNAME_MAX, `Username must be at most ${USERNAME_MAX} characters`),
  password: z.string().min(1, 'Enter your password').max(PASSWORD_MAX, `Password must be at most ${PASSWORD_MAX} characters`),
  /** The second factor, for members who turned it on: a TOTP code or a recovery code. */
  code: z.string().max(32, 'The code is too long').optional(),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password').max(PASSWORD_MAX, `Password must be at most ${PASSWORD_MAX} characters`),
    newPassword: passwordSchema,
    confirmPassword: z.string().max(PASSWORD_MAX, `Password must be at most ${PASSWORD_MAX} characters`),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'Passwords do not match' });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const registrationModeSchema = z.enum(['invite', 'open', 'closed']);
export type RegistrationMode = z.infer<typeof registrationModeSchema>;

/** Field errors of a failed parse, one message per field, for forms that show errors next to their field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    out[key] ??= issue.message;
  }
  return out;
}
