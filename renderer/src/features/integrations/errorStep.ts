/**
 * Which wizard step an error from the core belongs to, so it shows where the analyst can fix
 * it: a refused attribute name on the attributes step, a bad key column on the join step, a
 * refused password on the source step.
 */
import { ApiError } from '../../api';

export const STEPS = ['source', 'table', 'join', 'attributes', 'schedule'] as const;
export type StepId = (typeof STEPS)[number];

interface Issue {
  path: string;
}

function issuePaths(err: ApiError): string[] {
  if (!Array.isArray(err.details)) return [];
  return (err.details as unknown[]).flatMap((d) => (d && typeof (d as Issue).path === 'string' ? [(d as Issue).path] : []));
}

/**
 * Validation issues say where by their path (`source.attributes.0.name`); errors of the
 * handlers say it in words. `names` are the attribute names being saved, `columns` the source
 * columns they read.
 */
export function errorStep(err: unknown, names: readonly string[], joinColumn: string | null): StepId {
  if (!(err instanceof ApiError)) return 'schedule';
  const path = issuePaths(err)[0];
  if (path !== undefined) {
    if (/^source\.attributes/.test(path)) return 'attributes';
    if (/^source\.join/.test(path)) return 'join';
    if (/^source\.table/.test(path)) return 'table';
    if (/^source\.(kind|entity|connection|path)/.test(path)) return 'source';
    return 'schedule';
  }
  if (err.code === 'auth_failed') return 'source';
  const message = err.message;
  if (names.some((n) => message.includes(`"${n}"`) || message.includes(`“${n}”`) || new RegExp(`\\b${n}\\b`).test(message)) || /\battribute name/i.test(message)) {
    return 'attributes';
  }
  if ((joinColumn !== null && message.includes(joinColumn)) || /\b(join|key column)\b/i.test(message)) return 'join';
  if (/\b(table|object|view)\b/i.test(message)) return 'table';
  if (/\b(connection|file|csv)\b/i.test(message)) return 'source';
  return 'schedule';
}
