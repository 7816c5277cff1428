/**
 * How custom attribute values read. Booleans cross the API as JSON booleans in rows, but as text
 * in value lists (`*.values`) and sometimes as 0/1: every spelling reads the same here.
 */

/** true, false, or null when the value is absent or not a boolean at all. */
export function booleanValue(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null;
  if (typeof value !== 'string') return null;
  switch (value.trim().toLowerCase()) {
    case 'true':
    case '1':
    case 'yes':
      return true;
    case 'false':
    case '0':
    case 'no':
      return false;
    default:
      return null;
  }
}

/** "Yes" / "No"; the value as text when it is not a boolean (never hides what the store holds). */
export function formatBoolean(value: unknown): string {
  const b = booleanValue(value);
  return b === null ? String(value) : b ? 'Yes' : 'No';
}
