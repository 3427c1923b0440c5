/** A clock time as Input.Time sends it, HH:MM from 00:00 to 23:59 ("99:99" is not one). */
export function isClockTime(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}
