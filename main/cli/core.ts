/** Opening the core for one command, and calling it with Result errors turned into CliErrors. */
import type { MethodInput, MethodName, MethodOutput } from '../../common/contract';
import { createCore } from '../core/core';
import type { Core } from '../core/types';
import { CliError } from './errors';

export function openCore(dbPath: string): Core {
  try {
    return createCore({ dbPath });
  } catch (err) {
    throw new CliError(`Cannot open the database ${dbPath}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Runs one API call through the dispatcher (validation included) and unwraps its value. */
export async function call<M extends MethodName>(
  core: Core,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new CliError(result.error.message);
  return result.value as MethodOutput<M>;
}

/** Opens the core, runs `work`, and always closes the core. */
export async function withCore<T>(dbPath: string, work: (core: Core) => Promise<T>): Promise<T> {
  const core = openCore(dbPath);
  try {
    return await work(core);
  } finally {
    await core.close();
  }
}
