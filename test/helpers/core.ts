import path from 'node:path';
import { CHECKED_STATUSES, RULE_IDS } from '../../shared/workflow/rules';
import * as Y from 'yjs';
import { base64ToBytes, bytesToBase64 } from '../../shared/base64';
import type { Channel, EventName, PayloadOf, ResultOf } from '../../shared/contract';
import type { Profile } from '../../shared/model';
import { openCore, type Core, type CoreOptions, type CoreSession } from '../../electron/core/core';
import { silentLogger } from '../../electron/core/log';
import { makeTempDir } from './temp-dir';

export interface TestClient {
  session: CoreSession;
  events: Array<{ event: EventName; payload: unknown }>;
  call<C extends Channel>(channel: C, payload: PayloadOf<C>): Promise<ResultOf<C>>;
}

export function openTestCore(overrides: Partial<CoreOptions> = {}): Core {
  const dataDir = overrides.dataDir ?? makeTempDir();
  return openCore({
    dataDir,
    // A machine's own /etc/lede/policy.json (or LEDE_POLICY_FILE) must not change what tests see.
    policyFile: path.join(dataDir, 'no-policy.json'),
    shell: 'web',
    version: '0.0.0-test',
    logger: silentLogger,
    deriveDelayMs: 5,
    backupDelayMs: null,
    ...overrides,
  });
}

/** A session that throws on error results, for tests that expect success. */
export function connect(core: Core): TestClient {
  const events: TestClient['events'] = [];
  const session = core.connect((event, payload) => events.push({ event, payload }));
  return {
    session,
    events,
    async call(channel, payload) {
      const result = await session.invoke(channel, payload);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
      return result.value as ResultOf<typeof channel>;
    },
  };
}

export const REPORTER: Profile = { name: 'Richard Connor', role: 'reporter' };
export const EDITOR: Profile = { name: 'Wesley Rahn', role: 'editor' };

/**
 * Opens a story in a client-side Y.Doc, as the renderer does: edits made with
 * `edit` are sent to core and awaited (acknowledged) like the renderer's.
 */
export async function openStory(client: TestClient, id: string) {
  const { state } = await client.call('article.open', { id });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base64ToBytes(state), 'remote');
  const pending: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') pending.push(update);
  });
  return {
    doc,
    async edit(fn: (doc: Y.Doc) => void) {
      doc.transact(() => fn(doc), 'local');
      while (pending.length) {
        const update = pending.shift()!;
        await client.call('article.update', { id, update: bytesToBase64(update) });
      }
    },
  };
}

/**
 * Ready checks switched off, for tests about something else (the transition
 * matrix, library filters) that move empty stories along the workflow.
 */
export const CHECKS_OFF = Object.fromEntries(
  CHECKED_STATUSES.map((status) => [status, Object.fromEntries(RULE_IDS.map((rule) => [rule, 'off' as const]))]),
) as { [S in (typeof CHECKED_STATUSES)[number]]: Record<(typeof RULE_IDS)[number], 'off'> };
