/**
 * The one dispatcher every host calls: allow-list of methods, input validation against the
 * contract, and a Result envelope. Handlers throw `ApiError` for expected failures; anything
 * else becomes `internal` without leaking a stack trace to the caller.
 */
import { isMethodName, methods, type Handlers, type MethodName } from '../../common/contract';
import type { ApiErrorData, ErrorCode, Result } from '../../common/types';
import { inputDepthError, MAX_INPUT_DEPTH } from './input-depth';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toData(): ApiErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export type Dispatch = (method: string, input: unknown) => Promise<Result<unknown>>;

export interface DispatcherOptions {
  /** Where internal errors are logged with method and stack: once, here, for every host. */
  log?: (line: string) => void;
}

export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatch {
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const internal = (method: string, err: unknown): Result<never> => {
    log(`profile-desk: internal error in ${method}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return fail('internal', `${method} failed: ${err instanceof Error ? err.message : String(err)}`);
  };
  return async (method, input) => {
    if (!isMethodName(method)) {
      return fail('unknown_method', `Unknown method "${String(method).slice(0, 100)}"`);
    }
    let checked: Result<unknown>;
    try {
      checked = validate(method, input ?? {});
    } catch (err) {
      return internal(method, err);
    }
    if (!checked.ok) return checked;
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      return { ok: true, value: await handler(checked.value) };
    } catch (err) {
      if (err instanceof ApiError) return { ok: false, error: err.toData() };
      return internal(method, err);
    }
  };
}

/** The input as the contract parses it (with defaults), or why it is invalid. */
function validate(method: MethodName, input: unknown): Result<unknown> {
  const tooDeep = inputDepthError(input);
  if (tooDeep !== null) {
    return fail('invalid_input', `Invalid input for ${method}: ${tooDeep}: nested more than ${MAX_INPUT_DEPTH} levels deep`, [
      { path: tooDeep, message: 'nested too deeply' },
    ]);
  }
  const parsed = methods[method].input.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const first = issues[0];
  return fail(
    'invalid_input',
    `Invalid input for ${method}: ${first ? `${first.path || 'input'}: ${first.message}` : 'rejected'}`,
    issues,
  );
}

function fail(code: ErrorCode, message: string, details?: unknown): Result<never> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}
