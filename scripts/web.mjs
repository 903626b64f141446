// `npm run web [-- --data-dir DIR --port N]`: build if needed, then serve the workstation on 127.0.0.1.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfStale, dist } from './build-steps.mjs';

await buildIfStale();
await import(pathToFileURL(path.join(dist, 'web', 'server.mjs')).href);
