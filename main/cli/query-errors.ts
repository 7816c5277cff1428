/**
 * How the CLI reports an API error: a `bad_query` is the user's input, so it exits 2 (like a
 * usage error) and, when the core gives a position in the typed query, echoes the query with a
 * caret under that position. Other errors are failures (exit 1).
 */
import type { ApiErrorData } from '../../common/types';
import { CliError, EXIT_FAILED, EXIT_USAGE } from './errors';

/** Characters of the query shown on each side of the caret when the query is long. */
const CONTEXT = 40;

/**
 * The query's line and the caret line under `position`. Control characters become spaces so
 * the caret stays aligned; a long query is cut around the position with "…".
 */
export function caretLines(query: string, position: number): [string, string] {
  const flat = query.replace(/[\p{Cc}]/gu, ' ');
  const at = Math.max(0, Math.min(position, flat.length));
  const start = flat.length > CONTEXT * 2 ? Math.max(0, at - CONTEXT) : 0;
  const end = flat.length > CONTEXT * 2 ? Math.min(flat.length, at + CONTEXT) : flat.length;
  const head = start > 0 ? '…' : '';
  const tail = end < flat.length ? '…' : '';
  return [`  ${head}${flat.slice(start, end)}${tail}`, `  ${' '.repeat(head.length + at - start)}^`];
}

function positionOf(details: unknown): number | null {
  const position = (details as { position?: unknown } | undefined)?.position;
  return typeof position === 'number' && Number.isInteger(position) ? position : null;
}

/** The CliError for an API error; `query` is the query the user typed, if any. */
export function apiError(error: ApiErrorData, query?: string, prefix = ''): CliError {
  if (error.code !== 'bad_query') return new CliError(`${prefix}${error.message}`, EXIT_FAILED);
  const position = positionOf(error.details);
  const lines = [`bad query: ${error.message}`];
  if (position !== null && query !== undefined) lines.push(...caretLines(query, position));
  return new CliError(lines.join('\n'), EXIT_USAGE);
}
