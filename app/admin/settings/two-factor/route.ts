import { formObject, staffRoute } from '@/app/_lib/staff-route';
import { updateStaffTwoFactorRequirement } from '@/lib/services/two-factor/staff-requirement';

export const POST = staffRoute<Record<string, never>>(async ({ actor, form }) => {
  const required = formObject(form).required === 'on';
  await updateStaffTwoFactorRequirement({ actor, required });
  return { message: required ? 'Staff must now use two-factor login for the staff pages.' : 'Two-factor login is optional for staff.' };
});
