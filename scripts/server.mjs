// `npm run server -- [args]`: build the sync server if its sources changed, then run it.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildServerIfStale, dist } from './build-steps.mjs';

await buildServerIfStale();
await import(pathToFileURL(path.join(dist, 'server', 'main.mjs')).href);
