/** Opening the core for one command, and calling it with Result errors turned into CliErrors. */
import { existsSync } from 'node:fs';
import type { MethodInput, MethodName, MethodOutput } from '../../common/contract';
import { createCore } from '../core/core';
import type { Core } from '../core/types';
import { CliError } from './errors';
import { apiError } from './query-errors';

export function openCore(dbPath: string): Core {
  try {
    return createCore({ dbPath });
  } catch (err) {
    throw new CliError(`Cannot open the database ${dbPath}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Runs one API call through the dispatcher (validation included) and unwraps its value. A
 * `bad_query` exits 2 with the input's query echoed under a caret (query-errors.ts).
 */
export async function call<M extends MethodName>(
  core: Core,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw apiError(result.error, (input as { query?: string }).query);
  return result.value as MethodOutput<M>;
}

export interface WithCoreOptions {
  /**
   * Read commands: fail when there is no store rather than create an empty one (opening the
   * core creates the file and its folder), so a mistyped --db leaves nothing behind.
   */
  existing?: boolean;
}

/** Opens the core, runs `work`, and always closes the core. */
export async function withCore<T>(dbPath: string, work: (core: Core) => Promise<T>, options: WithCoreOptions = {}): Promise<T> {
  if (options.existing && !existsSync(dbPath)) {
    throw new CliError(`no store at ${dbPath} (create one by importing events: profile-desk --db PATH import FILE…)`);
  }
  const core = openCore(dbPath);
  try {
    return await work(core);
  } finally {
    await core.close();
  }
}
