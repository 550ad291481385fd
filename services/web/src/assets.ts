import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One file of `assets/` as it is served: its bytes, gzipped once, and its ETag. */
export type Asset = { type: string; body: Buffer; gzip: Buffer; etag: string };

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * The directory of the browser's files: `services/web/assets`, beside `src/` and `dist/`, so
 * the same path serves from source and from the compiled build (the package ships it).
 */
export const ASSETS_DIR = new URL('../assets/', import.meta.url);

/** Every file of the assets directory, read and compressed once at start: nothing else is served. */
export function loadAssets(dir: URL = ASSETS_DIR): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (!type) continue;
    const body = readFileSync(new URL(name, dir));
    assets.set(name, {
      type,
      body,
      gzip: gzipSync(body, { level: 9 }),
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`,
    });
  }
  return assets;
}
