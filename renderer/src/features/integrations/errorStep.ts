/**
 * Which wizard step an error from the core belongs to, so it shows where the analyst can fix
 * it: a refused attribute name on the attributes step (beside that attribute), a bad key column
 * on the join step, a refused password on the source step.
 */
import { ApiError } from '../../api';

export const STEPS = ['source', 'table', 'join', 'attributes', 'schedule'] as const;
export type StepId = (typeof STEPS)[number];

export interface PlacedError {
  step: StepId;
  /** The refused attribute's index among those saved, when the core named one. */
  attribute: number | null;
}

/**
 * Where the core says the problem is: validation issues by their path
 * (`source.attributes.0.name`), the handlers' refusals by their `field` (`attributes[0].name`,
 * `join.column`, `table`).
 */
function fieldOf(err: ApiError): string | null {
  const details = err.details;
  if (Array.isArray(details)) {
    const path = (details[0] as { path?: unknown } | undefined)?.path;
    return typeof path === 'string' ? path.replace(/^source\./, '') : null;
  }
  if (details && typeof details === 'object' && typeof (details as { field?: unknown }).field === 'string') {
    return (details as { field: string }).field;
  }
  return null;
}

function byField(field: string): PlacedError | null {
  const attribute = /^attributes(?:\[(\d+)\]|\.(\d+))?/.exec(field);
  if (attribute) return { step: 'attributes', attribute: attribute[1] ?? attribute[2] ? Number(attribute[1] ?? attribute[2]) : null };
  if (/^join/.test(field)) return { step: 'join', attribute: null };
  if (/^table/.test(field)) return { step: 'table', attribute: null };
  if (/^(kind|entity|connection|path)/.test(field)) return { step: 'source', attribute: null };
  if (/^(name|schedule)/.test(field)) return { step: 'schedule', attribute: null };
  return null;
}

/** `names` are the attribute names being saved, `joinColumn` the key column. */
export function placeError(err: unknown, names: readonly string[], joinColumn: string | null): PlacedError {
  const at = (step: StepId): PlacedError => ({ step, attribute: null });
  if (!(err instanceof ApiError)) return at('schedule');
  const field = fieldOf(err);
  const placed = field === null ? null : byField(field);
  if (placed) return placed;
  if (err.code === 'auth_failed') return at('source');
  const message = err.message;
  const named = names.findIndex((n) => message.includes(`"${n}"`) || message.includes(`“${n}”`) || new RegExp(`\\b${n}\\b`).test(message));
  if (named >= 0) return { step: 'attributes', attribute: named };
  if (/\battribute name/i.test(message)) return at('attributes');
  if ((joinColumn !== null && message.includes(joinColumn)) || /\b(join|key column)\b/i.test(message)) return at('join');
  if (/\bsource named\b/i.test(message)) return at('schedule');
  if (/\b(table|object|view)\b/i.test(message)) return at('table');
  if (/\b(connection|file|csv)\b/i.test(message)) return at('source');
  return at('schedule');
}
