/** `--fail-on`: the lowest severity that makes a command exit 1; default `error`. */
export type FailOn = 'error' | 'warning';

/** 0 ok, 1 finished with problems; warnings fail only with --fail-on warning. */
export function exitFor(errors: number, warnings: number, failOn: FailOn, featureFailed = false): 0 | 1 {
  if (featureFailed || errors > 0) return 1;
  if (failOn === 'warning' && warnings > 0) return 1;
  return 0;
}
