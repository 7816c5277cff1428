/**
 * The one dispatcher every host calls: allow-list of methods, input validation against the
 * contract, and a Result envelope. Handlers throw `ApiError` for expected failures; anything
 * else becomes `internal` without leaking a stack trace to the caller.
 */
import { isMethodName, methods, type Handlers } from '../../common/contract';
import type { ApiErrorData, ErrorCode, Result } from '../../common/types';

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
  return async (method, input) => {
    if (!isMethodName(method)) {
      return fail('unknown_method', `Unknown method "${String(method).slice(0, 100)}"`);
    }
    const parsed = methods[method].input.safeParse(input ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({
        path: i.path.join('.'),
        message: i.message,
      }));
      const first = issues[0];
      return fail(
        'invalid_input',
        `Invalid input for ${method}: ${first ? `${first.path || 'input'}: ${first.message}` : 'rejected'}`,
        issues,
      );
    }
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (err) {
      if (err instanceof ApiError) return { ok: false, error: err.toData() };
      log(`profile-desk: internal error in ${method}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return fail('internal', `${method} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
}

function fail(code: ErrorCode, message: string, details?: unknown): Result<never> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}
