// The embedded database's own thread: PGlite, and PostgreSQL's wire protocol on a local socket
// for the services' postgres.js connection (client.ts). Nothing else runs here, so a long
// statement holds this thread only, never the services' event loop. Plain JavaScript: a
// worker does not inherit the TypeScript loader the services run under.
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const { dataDir, socketPath, image, startParams, liftoffOnly } = workerData;
// V8's flags are the process's: set before PGlite compiles its module (client.ts says why).
if (liftoffOnly) setFlagsFromString('--liftoff-only');

/**
 * The image as PGlite reads it (`await blob.arrayBuffer()`), without Node's Blob between: that
 * copies 40 MB through a stream in small chunks, a third of a second of every new database.
 */
class ImageBytes extends Blob {
  #bytes;
  constructor(bytes) {
    super([], { type: 'application/x-tar' });
    this.#bytes = bytes;
  }
  async arrayBuffer() {
    const b = this.#bytes;
    // A file's own buffer as it is; a copy (40 MB: ≈ 0.2 s) only of a part of a larger one.
    if (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength) return b.buffer;
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  }
}

try {
  // An image is a migrated, empty data directory (embedded-image.ts), for a new database only.
  const loadDataDir = image ? new ImageBytes(readFileSync(image)) : undefined;
  const db = await PGlite.create({ dataDir, loadDataDir, ...(startParams ? { startParams } : {}) });
  const server = new PGLiteSocketServer({ db, path: socketPath });
  await server.start();
  parentPort.on('message', async (message) => {
    if (message === 'dump') {
      const blob = await db.dumpDataDir('none');
      const bytes = await blob.arrayBuffer();
      parentPort.postMessage({ dumped: bytes }, [bytes]);
      return;
    }
    if (message !== 'close') return;
    await server.stop();
    // A clean shutdown: PGlite checkpoints, so the next start needs no recovery.
    if (!db.closed) await db.close();
    parentPort.close();
  });
  parentPort.postMessage({ ready: true });
} catch (err) {
  parentPort.postMessage({ failed: err instanceof Error ? err.message : String(err) });
}
