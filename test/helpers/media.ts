import type { EventPayloadOf } from '../../shared/contract';
import type { Core } from '../../electron/core/core';
import type { TestClient } from './core';
import { waitFor } from './wait';

export type ImportProgress = EventPayloadOf<'media.importProgress'>;

/** The last progress event of an import, once it finished or was cancelled. */
export async function importAndWait(core: Core, client: TestClient, paths: string[], timeoutMs = 60_000): Promise<ImportProgress> {
  const importId = core.media.importPaths(paths);
  return waitForImport(client, importId, timeoutMs);
}

export async function waitForImport(client: TestClient, importId: string, timeoutMs = 60_000): Promise<ImportProgress> {
  let last: ImportProgress | undefined;
  await waitFor(
    () => {
      for (const { event, payload } of client.events) {
        if (event !== 'media.importProgress') continue;
        const progress = payload as ImportProgress;
        if (progress.importId === importId && progress.state !== 'running') last = progress;
      }
      return last !== undefined;
    },
    timeoutMs,
    `import ${importId} to end`,
  );
  return last!;
}
