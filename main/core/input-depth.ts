/**
 * A bound on how deeply any API input nests, checked before schema validation. Validating a
 * recursive schema (filters) recurses once per level, so a 100,000-level JSON from a hostile
 * client would overflow the stack inside the validator; this walk is iterative and stops at
 * the first level too many.
 */
import { FILTER_LIMITS } from '../../common/filter';

/**
 * A filter level is at most two JSON levels (`{op:'and', items:[…]}`); a few more for the input
 * object around it. Nothing else in the contract nests nearly as deep.
 */
export const MAX_INPUT_DEPTH = 2 * FILTER_LIMITS.depth + 8;

/** The top-level field under which `input` nests deeper than `max` levels, or null. */
export function inputDepthError(input: unknown, max = MAX_INPUT_DEPTH): string | null {
  if (typeof input !== 'object' || input === null) return null;
  const stack: Array<{ value: object; depth: number; field: string }> = [{ value: input, depth: 1, field: 'input' }];
  while (stack.length > 0) {
    const { value, depth, field } = stack.pop()!;
    if (depth > max) return field;
    for (const [key, child] of Object.entries(value)) {
      if (typeof child === 'object' && child !== null) {
        stack.push({ value: child as object, depth: depth + 1, field: depth === 1 && !Array.isArray(value) ? key : field });
      }
    }
  }
  return null;
}
