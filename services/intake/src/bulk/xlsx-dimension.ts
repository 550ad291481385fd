import { Readable } from 'node:stream';
import { constants, createInflateRaw, inflateRawSync } from 'node:zlib';

const FIRST_SHEET = 'xl/worksheets/sheet1.xml';

/**
 * The last row the first worksheet says it has (`<dimension ref="A1:K1000000"/>`, which Excel
 * and WPS write at the top of each sheet), read from the first kilobytes of that zip entry
 * only. An XLSX is a zip whose worksheet often comes before the shared strings, and a
 * streaming reader then has to unpack the whole sheet before its first row: this lets a
 * sheet of a million rows be refused without that. Undefined when the file does not say.
 */
export function declaredLastRow(file: Buffer): number | undefined {
  try {
    const entry = findEntry(file, FIRST_SHEET);
    if (!entry) return undefined;
    const head = file.subarray(entry.dataStart, entry.dataStart + Math.min(entry.compressedSize, 64 * 1024));
    const xml = (entry.method === 0 ? head : inflateRawSync(head, { finishFlush: constants.Z_SYNC_FLUSH })).toString(
      'utf8',
      0,
      8192,
    );
    const ref = /<(?:\w+:)?dimension\s+ref="[A-Z]*\d*(?::[A-Z]*(\d+))?"/.exec(xml);
    return ref?.[1] ? Number(ref[1]) : undefined;
  } catch {
    return undefined; // not a zip we can read this way: the full reader decides
  }
}

/**
 * Whether the first worksheet has more than `limit` rows, counted as `<row` tags while the
 * entry is unpacked, which stops at the first one past the limit: for a sheet that does not
 * declare its size. Empty rows with a style count too, so callers leave room.
 */
export async function hasMoreRowsThan(file: Buffer, limit: number): Promise<boolean> {
  let entry: Entry | undefined;
  try {
    entry = findEntry(file, FIRST_SHEET);
  } catch {
    return false; // not a zip we can read this way: the full reader decides
  }
  if (entry?.method !== 8) return false;
  const xml = Readable.from([file.subarray(entry.dataStart, entry.dataStart + entry.compressedSize)]).pipe(
    createInflateRaw(),
  );
  const rowsIn = (text: string) => text.match(ROW_TAG)?.length ?? 0;
  let rows = 0;
  let tail = '';
  try {
    for await (const chunk of xml) {
      const text = tail + (chunk as Buffer).toString('latin1');
      // A tag cut between chunks is whole in the next text; one whole in the tail is counted there.
      tail = text.slice(-16);
      rows += rowsIn(text) - rowsIn(tail);
      if (rows > limit) return true;
    }
  } catch {
    return false; // a broken entry: the full reader says so
  } finally {
    xml.destroy();
  }
  return false;
}

const ROW_TAG = /<(?:\w+:)?row[\s>]/g;

type Entry = { method: number; compressedSize: number; dataStart: number };

/** One entry of a zip, found through its central directory. */
function findEntry(zip: Buffer, name: string): Entry | undefined {
  // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let n = 0; n < entries && zip.readUInt32LE(at) === 0x02014b50; n++) {
    const nameLength = zip.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const local = zip.readUInt32LE(at + 42);
      if (zip.readUInt32LE(local) !== 0x04034b50) return undefined;
      return {
        method: zip.readUInt16LE(at + 10),
        compressedSize: zip.readUInt32LE(at + 20),
        dataStart: local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28),
      };
    }
    at = next;
  }
  return undefined;
}
