// `npm run build`: the renderer (Vite) and the Node bundles (esbuild) into dist/.
import { buildAll } from './build-steps.mjs';

const started = Date.now();
await buildAll();
console.log(`Built Lede into dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
