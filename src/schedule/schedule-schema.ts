import { Cron } from 'croner';
import { z } from 'zod';

/** True when `tz` is an IANA time zone this Node knows (Intl throws RangeError otherwise). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function cronProblem(expr: string): string | undefined {
  try {
    new Cron(expr, { paused: true });
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

const cronExpression = z.string().superRefine((expr, ctx) => {
  const problem = cronProblem(expr);
  if (problem) ctx.addIssue({ code: 'custom', message: `not a cron expression (${problem}); for example "0 */4 * * *" is every four hours` });
});

/**
 * A feed's `schedule:`: a cron expression (`"30 2 * * *"`), or `{ cron, timezone }` to read it in
 * an IANA time zone; default timezone: the machine's.
 */
export const scheduleSchema = z.union([
  cronExpression,
  z
    .object({
      /** Cron expression (5 fields, or 6 with seconds first). Required. */
      cron: cronExpression,
      /** IANA time zone the expression is read in, e.g. `Europe/Berlin`; default the machine's. */
      timezone: z
        .string()
        .refine(isTimeZone, 'an IANA time zone such as "Europe/Berlin" or "UTC"')
        .optional(),
    })
    .strict(),
]);

export type ScheduleConfig = z.infer<typeof scheduleSchema>;

/** `schedule:` in its one shape. */
export function normalizeSchedule(s: ScheduleConfig): { cron: string; timezone?: string } {
  return typeof s === 'string' ? { cron: s } : s;
}
