/**
 * The grid's share of the browser host's URL state: each page's query in the hash
 * (`#token=…&users.q=…`), beside the host's token, which is left exactly as it was
 * (renderer/src/api/httpTransport.ts reads it from there).
 */
import { kindPlural } from '../../../../common/entities';
import type { ProfileKind } from '../../../../common/keys';

/** The hash parameter holding a page's query, e.g. `users.q`. */
export const queryParam = (kind: ProfileKind): string => `${kindPlural(kind)}.q`;

const parts = (hash: string): string[] => hash.replace(/^#/, '').split('&').filter((p) => p !== '');
const nameOf = (part: string): string => part.split('=', 1)[0]!;

/** A parameter's decoded value, or null when absent or not decodable (a hand-edited URL). */
export function readHashParam(hash: string, name: string): string | null {
  const part = parts(hash).find((p) => nameOf(p) === name);
  if (part === undefined) return null;
  try {
    return decodeURIComponent(part.slice(name.length + 1));
  } catch {
    return null;
  }
}

/** Percent-encodes a value, keeping `:` `@` `/` `,` readable (all legal in a fragment). */
function encodeValue(value: string): string {
  return encodeURIComponent(value).replace(/%3A/gi, ':').replace(/%40/gi, '@').replace(/%2F/gi, '/').replace(/%2C/gi, ',');
}

/** The hash with one parameter set (in place, or appended), or removed when the value is empty. */
export function writeHashParam(hash: string, name: string, value: string | null): string {
  const list = parts(hash);
  const index = list.findIndex((p) => nameOf(p) === name);
  const next = value ? `${name}=${encodeValue(value)}` : null;
  if (index >= 0) {
    if (next === null) list.splice(index, 1);
    else list[index] = next;
  } else if (next !== null) list.push(next);
  return list.length > 0 ? `#${list.join('&')}` : '';
}
