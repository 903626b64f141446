import type http from 'node:http';
import { articleKind } from '../../shared/documents/article-kind';
import { REVISION_PAGE_MAX, revisionUploadSchema, type RevisionPage } from '../../shared/revisions/newsroom-history';
import { storyAccess, type Actor } from '../../shared/workflow/story-rules';
import type { Account } from '../auth/authenticator';
import type { RevisionArchive } from '../history/revision-archive';
import type { ServerLog } from '../log';
import type { ServerStore } from '../storage/server-store';
import type { HttpRoute } from './http-api';
import { guarded, HttpError, integerParam, readJson, sendJson } from './respond';

/**
 * The newsroom's story history over HTTP (ADR 0065): a laptop sends each
 * checkpoint it took (`POST /api/revisions`), anyone who may read the story
 * reads them all (`GET /api/revisions?document=…`). The story's desk
 * decides, as it does for the document itself; the author is the account.
 */
export function revisionRoutes(options: {
  archive: RevisionArchive;
  store: ServerStore;
  log: ServerLog;
  requireAccount(request: http.IncomingMessage): Promise<Account>;
  /** Largest body: one checkpoint holds a whole story. */
  maxRevisionBytes: number;
}): HttpRoute[] {
  const { archive, store, log } = options;

  /** The story as the server knows it, or a refusal in words: unknown, purged, or another desk's. */
  const storyFor = async (account: Actor & { name: string }, document: string, need: 'read' | 'write'): Promise<void> => {
    if (!articleKind.idOf(document)) throw new HttpError('invalid_request', '"document" must be a story’s name (article:<uuid>).');
    const [row] = await guarded(log, () => store.lookup([document]));
    if (!row || row.deleted) throw new HttpError('not_found', 'The server has no such story (it may not have synced yet, or was deleted for good).');
    const access = storyAccess(account, row.desk);
    if (access === 'none') throw new HttpError('forbidden', `This story belongs to the ${row.desk} desk, which "${account.name}" is not on.`);
    if (need === 'write' && access !== 'write') throw new HttpError('forbidden', `The account "${account.name}" can read stories but not change them.`);
  };

  return [
    {
      method: 'POST',
      pattern: /^\/api\/revisions$/,
      handle: async (request, response) => {
        const account = await options.requireAccount(request);
        const parsed = revisionUploadSchema.safeParse(await readJson(request, options.maxRevisionBytes));
        if (!parsed.success) {
          throw new HttpError('invalid_request', 'Send {"document": "article:<uuid>", "revision": {key, createdAt, reason, detail, story}} (see shared/revisions/newsroom-history.ts).');
        }
        const { document, revision } = parsed.data;
        await storyFor(account, document, 'write');
        const stored = await guarded(log, () => archive.add(document, account, revision, Date.now()));
        sendJson(response, 200, { stored });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/revisions$/,
      handle: async (request, response, _match, url) => {
        const account = await options.requireAccount(request);
        const known = new Set(['document', 'cursor', 'limit']);
        const unknown = [...url.searchParams.keys()].find((key) => !known.has(key));
        if (unknown !== undefined) throw new HttpError('invalid_request', `Unknown parameter "${unknown}": use document, cursor, limit.`);
        const document = url.searchParams.get('document') ?? '';
        const after = integerParam(url, 'cursor', 0);
        const limit = Math.min(integerParam(url, 'limit', REVISION_PAGE_MAX), REVISION_PAGE_MAX);
        if (limit < 1) throw new HttpError('invalid_request', '"limit" must be at least 1.');
        await storyFor(account, document, 'read');
        const page = await guarded(log, () => archive.forDocument(document, { after, limit }));
        sendJson(response, 200, page satisfies RevisionPage);
      },
    },
  ];
}
