// Renders every icon the installers need from the one source, build/icon.svg:
// PNGs for Linux (icons/NxN.png), icon.ico for Windows, icon.icns for macOS.
// Run by scripts/stage-app.mjs during `npm run dist:*`; `node scripts/make-icons.mjs OUT` by hand.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import { root } from './build-steps.mjs';

export const ICON_SOURCE = path.join(root, 'build', 'icon.svg');
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// icns chunk types holding PNG data, by pixel size (Apple's "Icon Family" format).
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32],
  ['icp6', 64],
  ['ic12', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic13', 256],
  ['ic09', 512],
  ['ic14', 512],
  ['ic10', 1024],
];

export function renderPng(svg, size) {
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng());
}

/** A .ico whose entries are PNGs (Windows Vista and later read them; 256 is written as 0). */
export function icoFrom(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  const entries = [];
  let offset = 6 + 16 * pngs.length;
  for (const { size, data } of pngs) {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2);
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    entries.push(entry);
  }
  return Buffer.concat([header, ...entries, ...pngs.map((png) => png.data)]);
}

export function icnsFrom(pngBySize) {
  const chunks = ICNS_TYPES.map(([type, size]) => {
    const data = pngBySize.get(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(8 + data.length, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((sum, chunk) => sum + chunk.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

/** Writes OUT/icons/NxN.png, OUT/icons/icon.png, OUT/icons/icon.ico and OUT/icons/icon.icns. */
export function makeIcons(outDir, source = ICON_SOURCE) {
  const svg = fs.readFileSync(source);
  const dir = path.join(outDir, 'icons');
  fs.mkdirSync(dir, { recursive: true });
  const pngBySize = new Map(PNG_SIZES.map((size) => [size, renderPng(svg, size)]));
  for (const [size, data] of pngBySize) fs.writeFileSync(path.join(dir, `${size}x${size}.png`), data);
  fs.writeFileSync(path.join(dir, 'icon.png'), pngBySize.get(1024));
  fs.writeFileSync(path.join(dir, 'icon.ico'), icoFrom(ICO_SIZES.map((size) => ({ size, data: pngBySize.get(size) }))));
  fs.writeFileSync(path.join(dir, 'icon.icns'), icnsFrom(pngBySize));
  return dir;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const out = process.argv[2];
  if (!out) {
    console.error('Usage: node scripts/make-icons.mjs OUT_DIR');
    process.exit(2);
  }
  console.log(`Icons written to ${makeIcons(path.resolve(out))}`);
}
