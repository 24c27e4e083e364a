import { z } from 'zod';

/** A checkbox: present ("on") when ticked, absent when not. */
const checkbox = z.enum(['on', '']).transform((v) => v === 'on');

/** The paranoia form: which parts of the profile other members see. */
export const profilePrivacySchema = z.object({ uploads: checkbox, stats: checkbox, activity: checkbox });
export type ProfilePrivacyInput = z.infer<typeof profilePrivacySchema>;
