import { expect } from 'vitest';
import { LedeError } from '../../shared/errors';

/** Runs `fn`, expecting it to throw a LedeError; returns that error for its code and message. */
export function refusal(fn: () => unknown): LedeError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LedeError);
    return error as LedeError;
  }
  throw new Error('expected a refusal, but it went through');
}
