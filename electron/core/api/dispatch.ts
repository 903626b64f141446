import { channels, describeIssues, isChannel } from '../../../shared/contract';
import { LedeError, fail, ok, type Result } from '../../../shared/errors';
import type { Logger } from '../log';
import type { SessionState } from '../sessions';
import type { Handlers } from './handler-types';

/**
 * A call slower than this is logged, as Signal Desktop logs its slow calls:
 * the channel and how long it took, nothing else. 40 ms is a few frames the
 * person waits on, and far above what a keystroke's `article.update` takes;
 * imports and exports pass it by nature (their lines say how long they took).
 */
export const SLOW_CALL_MS = 40;

/**
 * Validates a call against the contract and runs its handler. A bad payload
 * never reaches a handler; an error inside one comes back with its code.
 */
export async function dispatch(
  handlers: Handlers,
  log: Logger,
  session: SessionState,
  channel: unknown,
  payload: unknown,
): Promise<Result<unknown>> {
  if (typeof channel !== 'string' || !isChannel(channel)) {
    return fail('unknown_channel', `There is no API channel called ${JSON.stringify(String(channel).slice(0, 80))}.`);
  }
  const started = performance.now();
  try {
    const parsed = channels[channel].payload.safeParse(payload ?? {});
    if (!parsed.success) return fail('invalid_payload', `Invalid ${channel} request: ${describeIssues(parsed.error)}`);
    const handler = handlers[channel] as (payload: unknown, session: SessionState) => unknown;
    return ok(await handler(parsed.data, session));
  } catch (error) {
    if (error instanceof LedeError) return fail(error.code, error.message);
    log.error('request failed', { channel, error });
    return fail('internal', `Lede could not complete ${channel}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    const ms = performance.now() - started;
    // Never the payload or the result: they hold story text, tokens, file paths.
    if (ms > SLOW_CALL_MS) log.info('slow call', { channel, ms: Math.round(ms) });
  }
}
