/** A `setTimeout` holds at most ~24.8 days; a token living longer is renewed on demand only. */
const LONGEST_TIMER_SECONDS = 2e6;

/**
 * When to renew a token that expires in `remainingSeconds`, in milliseconds: `renewBeforeExpiry`
 * seconds before `exp`, or half-way through a lifetime too short for that, never sooner than
 * 1 s; `undefined` when no timer should be set.
 */
export function renewalDelay(
  remainingSeconds: number,
  renewBeforeExpiry: number,
): number | undefined {
  if (!(remainingSeconds < LONGEST_TIMER_SECONDS)) return undefined;
  const seconds =
    remainingSeconds > 2 * renewBeforeExpiry
      ? remainingSeconds - renewBeforeExpiry
      : remainingSeconds / 2;
  return Math.max(seconds, 1) * 1000;
}
