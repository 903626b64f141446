import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { dispatch, SLOW_CALL_MS } from '../../../electron/core/api/dispatch';
import type { Handlers } from '../../../electron/core/api/handler-types';
import type { Logger } from '../../../electron/core/log';
import { Sessions } from '../../../electron/core/sessions';

type Line = { level: string; message: string; fields?: Record<string, unknown> };

function recordingLogger(): Logger & { lines: Line[] } {
  const lines: Line[] = [];
  const record = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, fields });
  return { lines, debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

const TOKEN = 'lede_secret_token_that_must_not_be_logged';
const status = { state: 'offline', account: null } as never;

// Only the channels called below; dispatch looks a handler up by channel.
const handlers = {
  'app.info': () => ({ version: '1.0.0', shell: 'web' }),
  // Slow for real: waits on a timer well past the threshold.
  'sync.signIn': async () => {
    await sleep(SLOW_CALL_MS * 2);
    return status;
  },
  'sync.retry': async () => {
    await sleep(SLOW_CALL_MS * 2);
    throw new Error(`server said no to ${TOKEN}`);
  },
} as unknown as Handlers;

describe('slow calls', () => {
  const session = new Sessions().add(() => undefined);

  it('logs a call slower than 40 ms with its channel and duration, and nothing of its payload or result', async () => {
    const log = recordingLogger();
    const result = await dispatch(handlers, log, session, 'sync.signIn', { serverUrl: 'https://sync.newsroom.example', token: TOKEN });
    expect(result).toEqual({ ok: true, value: status });
    expect(log.lines).toHaveLength(1);
    const [line] = log.lines;
    expect(line).toMatchObject({ level: 'info', message: 'slow call', fields: { channel: 'sync.signIn' } });
    expect(Object.keys(line!.fields!).sort()).toEqual(['channel', 'ms']);
    expect(line!.fields!.ms).toBeGreaterThanOrEqual(SLOW_CALL_MS);
    expect(JSON.stringify(log.lines)).not.toContain(TOKEN);
    expect(JSON.stringify(log.lines)).not.toContain('newsroom.example');
  });

  it('logs a slow call that failed as slow too', async () => {
    const log = recordingLogger();
    const result = await dispatch(handlers, log, session, 'sync.retry', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(log.lines.map((line) => line.message)).toEqual(['request failed', 'slow call']);
    expect(log.lines[1]!.fields).toEqual({ channel: 'sync.retry', ms: expect.any(Number) });
  });

  it('does not log a fast call', async () => {
    const log = recordingLogger();
    expect(await dispatch(handlers, log, session, 'app.info', {})).toEqual({ ok: true, value: { version: '1.0.0', shell: 'web' } });
    expect(log.lines).toEqual([]);
  });
});
