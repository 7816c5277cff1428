/** The `--query Q` and `--segment NAME` flags shared by users, accounts, export and sessions. */
import { stringFlag, type FlagSpec, type ParsedFlags } from './args';

export const SELECTION_FLAGS: FlagSpec = { query: 'string', segment: 'string' };

/** Which profiles a command is about; both parts optional, ANDed by the core. */
export interface CliSelection {
  query?: string;
  segment?: string;
}

export function selectionOf(parsed: ParsedFlags): CliSelection {
  const query = stringFlag(parsed, 'query');
  const segment = stringFlag(parsed, 'segment');
  return { ...(query !== undefined ? { query } : {}), ...(segment !== undefined ? { segment } : {}) };
}

/** "users matching the query and in segment X", for messages. */
export function describeSelection(selection: CliSelection): string {
  const parts = [];
  if (selection.segment !== undefined) parts.push(`in segment "${selection.segment}"`);
  if (selection.query !== undefined) parts.push('matching the query');
  return parts.join(' and ');
}
