/** For tests: the ApiError a call throws (failing the test when it throws nothing else). */
import { expect } from 'vitest';
import { ApiError } from './dispatcher';

export function refusal(run: () => unknown): ApiError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return err as ApiError;
  }
  throw new Error('expected a refusal');
}
