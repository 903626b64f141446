import type http from 'node:http';
import { articleKind } from '../../shared/documents/article-kind';
import type { EmbargoedStories, FailedTransmissions, StoryTransmissions } from '../../shared/publishing/transmissions';
import { storyAccess } from '../../shared/workflow/story-rules';
import type { Account } from '../auth/authenticator';
import type { ServerLog } from '../log';
import type { PublishingDb, TransmissionRow } from '../publish/publishing-db';
import type { ServerStore } from '../storage/server-store';
import type { HttpRoute } from './http-api';
import { guarded, HttpError, sendJson } from './respond';

/**
 * What became of a story's publications (ADR 0071), for the story screen's
 * Publishing section and the library's marker. Whoever may read the story
 * may see its transmissions: its desk decides, as for the document itself.
 */
export function publishingRoutes(options: {
  db: PublishingDb;
  store: ServerStore;
  log: ServerLog;
  requireAccount(request: http.IncomingMessage): Promise<Account>;
}): HttpRoute[] {
  const { db, store, log } = options;
  return [
    {
      method: 'GET',
      pattern: /^\/api\/publishing$/,
      handle: async (request, response, _match, url) => {
        const account = await options.requireAccount(request);
        const unknown = [...url.searchParams.keys()].find((key) => key !== 'document');
        if (unknown !== undefined) throw new HttpError('invalid_request', `Unknown parameter "${unknown}": use document.`);
        const document = url.searchParams.get('document') ?? '';
        if (!articleKind.idOf(document)) throw new HttpError('invalid_request', '"document" must be a story’s name (article:<uuid>).');
        const [row] = await guarded(log, () => store.lookup([document]));
        if (!row || row.deleted) throw new HttpError('not_found', 'The server has no such story (it may not have synced yet, or was deleted for good).');
        if (storyAccess(account, row.desk) === 'none') throw new HttpError('forbidden', `This story belongs to the ${row.desk} desk, which "${account.name}" is not on.`);
        const [rows, latest] = await guarded(log, () => Promise.all([db.transmissionsOf(document), db.latestPublication(document)]));
        sendJson(response, 200, { document, latestVersion: latest?.version ?? null, latestKind: latest?.kind ?? null, problem: latest?.problem ?? null, transmissions: rows.map(toAnswer) } satisfies StoryTransmissions);
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/publishing\/failed$/,
      handle: async (request, response) => {
        const account = await options.requireAccount(request);
        const failed = await guarded(log, () => db.failedDocuments());
        const rows = failed.length ? await guarded(log, () => store.lookup(failed)) : [];
        const readable = rows.filter((row) => !row.deleted && storyAccess(account, row.desk) !== 'none').map((row) => row.name);
        sendJson(response, 200, { documents: readable } satisfies FailedTransmissions);
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/publishing\/embargoed$/,
      handle: async (request, response) => {
        const account = await options.requireAccount(request);
        const held = await guarded(log, () => db.embargoedDocuments(Date.now()));
        const rows = held.length ? await guarded(log, () => store.lookup(held.map((entry) => entry.document))) : [];
        const readable = new Set(rows.filter((row) => !row.deleted && storyAccess(account, row.desk) !== 'none').map((row) => row.name));
        const stories = held.filter((entry) => readable.has(entry.document)).map((entry) => ({ document: entry.document, until: new Date(entry.untilMs).toISOString() }));
        sendJson(response, 200, { stories } satisfies EmbargoedStories);
      },
    },
  ];
}

function toAnswer(row: TransmissionRow): StoryTransmissions['transmissions'][number] {
  return {
    output: row.output,
    type: row.outputType,
    version: row.version,
    deliveryId: row.deliveryId,
    state: row.state,
    attempts: row.attempts,
    sentAt: row.sentMs === null ? null : new Date(row.sentMs).toISOString(),
    nextAttemptAt: row.state === 'retrying' ? new Date(row.nextAttemptMs).toISOString() : null,
    heldUntil: row.state === 'waiting' && row.nextAttemptMs > Date.now() ? new Date(row.nextAttemptMs).toISOString() : null,
    lastError: row.lastError,
    answer: row.state === 'refused' ? { status: row.answerStatus, body: row.answerBody ?? '' } : null,
  };
}
