/**
 * What a value parser returns: the normalised value, or why the text was refused. Parsers never
 * throw on bad input; the validator turns a refusal into an Issue with `<field>.<code>`.
 */
export type Parsed<T> = { ok: true; value: T } | Refusal;

export interface Refusal {
  ok: false;
  /** Stable suffix of the issue code, e.g. `invalid`, `check_digit`, `scheme`. */
  code: string;
  /** What is wrong, without the value (the validator shows the value). */
  reason: string;
  /** What the user should do. */
  fix: string;
}

export const accept = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const refuse = (code: string, reason: string, fix: string): Refusal => ({ ok: false, code, reason, fix });

const SHOWN = 60;

/** The value as shown in messages: quoted, control characters escaped, at most 60 characters. */
export function showValue(text: string): string {
  const short = text.length > SHOWN ? `${text.slice(0, SHOWN - 1)}…` : text;
  return JSON.stringify(short);
}
