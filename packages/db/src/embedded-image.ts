import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrationsFolder } from './migrate.ts';

// An empty, fully migrated embedded database, kept as a data-directory image (PGlite's
// dumpDataDir tarball) under the OS temp directory. A new database — in memory, or in a data
// directory still empty — starts from it instead of running initdb and every migration: ≈2 s
// instead of ≈6–9 s on a busy two-core machine. The test suite opens hundreds of them; the
// first `pnpm start` on a machine makes the image, and later new DATA_DIRs start from it.
// The image is named after what made it — the migrations and PGlite's version — so a new
// migration or PGlite makes a new image, never a wrong one.

const PREFIX = 'duijie-pglite-image-';

let memo: string | undefined;

/** Where the image for these migrations and this PGlite is (or would be) kept. */
export function embeddedImagePath(): string {
  memo ??= join(process.env.DUIJIE_PGLITE_IMAGE_DIR ?? tmpdir(), `${PREFIX}${migrationsKey()}.tar`);
  return memo;
}

/** The image's path when one is there, else undefined. DUIJIE_PGLITE_IMAGE=off never uses one. */
export function existingEmbeddedImage(): string | undefined {
  if (process.env.DUIJIE_PGLITE_IMAGE === 'off') return undefined;
  const path = embeddedImagePath();
  return existsSync(path) ? path : undefined;
}

/**
 * Keeps `image` (a dumped data directory) as the image. Written beside it and renamed, so a
 * concurrent reader sees the whole image or none; images of older migrations are removed.
 */
export function keepEmbeddedImage(image: Uint8Array): void {
  if (process.env.DUIJIE_PGLITE_IMAGE === 'off') return;
  const path = embeddedImagePath();
  const partial = `${path}.${process.pid}.${Date.now()}.partial`;
  try {
    writeFileSync(partial, image);
    renameSync(partial, path);
  } catch {
    // A full or read-only temp directory costs speed, nothing else.
    rmSync(partial, { force: true });
    return;
  }
  const dir = dirname(path);
  for (const name of readdirSync(dir)) {
    if (name.startsWith(PREFIX) && join(dir, name) !== path && !name.endsWith('.partial')) {
      rmSync(join(dir, name), { force: true });
    }
  }
}

/** A short hash of the committed migrations and PGlite's version: what makes an image. */
export function migrationsKey(): string {
  const hash = createHash('sha256');
  const pglite = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
  hash.update(JSON.parse(readFileSync(join(dirname(pglite), '..', 'package.json'), 'utf8')).version);
  const files = [join('meta', '_journal.json'), ...readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql'))];
  for (const file of files.sort()) {
    hash.update(file);
    hash.update(readFileSync(join(migrationsFolder, file)));
  }
  return hash.digest('hex').slice(0, 16);
}
