import { formObject, staffRoute } from '@/app/_lib/staff-route';
import { saveRatioTable } from '@/lib/services/ratio/ratio-tables';
import { ratioTableSchema } from '@/lib/validation/moderation';

export const POST = staffRoute<Record<string, never>>(async ({ actor, form }) => {
  const input = ratioTableSchema.parse(formObject(form));
  // A time typed to the minute as "now" has just passed: treat the current minute as now, not as the past.
  const now = new Date();
  const effectiveFrom = input.effectiveFrom < now && now.getTime() - input.effectiveFrom.getTime() < 60_000 ? now : input.effectiveFrom;
  const saved = await saveRatioTable({ actor, rows: input.rows, effectiveFrom, now });
  return { message: `Table saved; it takes effect ${saved.effectiveFrom.toISOString().slice(0, 16).replace('T', ' ')} UTC. Running watches keep their table.` };
});
