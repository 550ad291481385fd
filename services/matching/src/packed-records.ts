/**
 * Records kept as numbers in a few large typed arrays instead of as object graphs on the heap,
 * and rebuilt (a fresh copy each time) when read.
 *
 * Why: in Node 20 (V8 11.3) every young collection visits every page of the old generation;
 * a million vacancies' profiles as objects were ≈ 6,000 pages, ≈ 8 ms of each collection,
 * which is what the matches' p99 waited behind at a million (PROFILE-CACHE.md, sessions 14
 * and 17). Here a record is a block of slots in chunks of typed arrays, whose bytes live off
 * the V8 heap: a million records are a few thousand chunks' small headers.
 *
 * A record is a tree of plain objects, arrays, strings, numbers, booleans, null, undefined and
 * Dates; what it reads back deep-equals what was written (own keys present as undefined
 * included, -0 and NaN included). A string the owner calls shared, and any frozen object or
 * array, is kept by reference: one instance, the same one read back. Anything else (a Map, a
 * class instance, a function) is refused when written.
 */

const NUM = 0;
const TRUE = 1;
const FALSE = 2;
const NULL = 3;
const UNDEFINED = 4;
const DATE = 5;
/** A shared value: the slot is its index in `refs`. */
const REF = 6;
/** A string of n UTF-16 units (the slot), then ⌈n / 4⌉ slots holding their bytes, four units each. */
const STR = 7;
/** An array of n values (the slot), which follow. */
const ARR = 8;
/** A plain object of the shape at the slot's index, its values following in the shape's order. */
const OBJ = 9;
/** The first slot of a block: the block's size class (its length in GRAINs). */
const HEAD = 10;

const CHUNK = 1 << 16;
/** Blocks are whole multiples of this many slots: a record wastes fewer than it. */
const GRAIN = 16;
/** Each slot's 8 bytes as a number, or (after STR) as four UTF-16 units; and a tag per slot. */
class Slots {
  readonly nums: Float64Array;
  readonly tags: Uint8Array;
  /** The same bytes as `nums`: a string's units are written and read through them, never as numbers. */
  readonly bytes: Buffer;
  readonly units: Uint16Array;

  constructor(readonly length: number) {
    this.nums = new Float64Array(length);
    this.tags = new Uint8Array(length);
    this.bytes = Buffer.from(this.nums.buffer);
    this.units = new Uint16Array(this.nums.buffer);
  }
}

export class PackedRecords<T> {
  /** Block start (chunk × CHUNK + offset) of each record. */
  readonly #at = new Map<string, number>();
  #chunks: Slots[] = [];
  /** The next free slot of the last chunk. */
  #top = 0;
  /** Blocks freed, by size class, reused before the chunks grow. */
  #free: number[][] = [];
  #refs: unknown[] = [];
  readonly #refIndex = new Map<unknown, number>();
  #shapes: string[][] = [];
  readonly #shapeIndex = new Map<string, number>();
  #slotsHeld = 0;
  /** The record being written, before it is copied into its block. */
  #scratch = new Slots(1024);
  #length = 0;
  // The reader's cursor: a record is read by one call, never two at once.
  #chunk = new Slots(0);
  #pos = 0;
  /** Reads one value at the cursor: what the shapes' builders call for each of their keys. */
  readonly #next = () => this.#read();
  /** Per shape: builds its object with one literal, so that each shape is one hidden class. */
  #builders: ((next: () => unknown) => Record<string, unknown>)[] = [];

  /** `shared`: the strings from bounded sets (codes, ids of employers), kept once by reference. */
  constructor(private readonly shared: (value: string) => boolean = () => false) {}

  get size(): number {
    return this.#at.size;
  }

  /** Bytes of the chunks (9 a slot), whether used or free. */
  get bytes(): number {
    return this.#chunks.length * CHUNK * 9;
  }

  /** Slots the records hold now, their blocks' headers and rounding included. */
  get slots(): number {
    return this.#slotsHeld;
  }

  has(key: string): boolean {
    return this.#at.has(key);
  }

  set(key: string, value: T): void {
    this.#length = 0;
    this.#push(HEAD, 0);
    this.#write(value);
    const size = this.#length;
    if (size > CHUNK) throw new RangeError(`a record of ${size} slots is larger than a chunk (${CHUNK})`);
    const sizeClass = Math.ceil(size / GRAIN);
    this.#scratch.nums[0] = sizeClass;
    this.delete(key);
    const start = this.#allocate(sizeClass);
    const chunk = this.#chunks[Math.floor(start / CHUNK)] as Slots;
    const offset = start % CHUNK;
    chunk.nums.set(this.#scratch.nums.subarray(0, size), offset);
    chunk.tags.set(this.#scratch.tags.subarray(0, size), offset);
    this.#at.set(key, start);
    this.#slotsHeld += sizeClass * GRAIN;
  }

  /** A fresh copy of the record: writing into it changes nothing kept. */
  get(key: string): T | undefined {
    const start = this.#at.get(key);
    return start === undefined ? undefined : this.read(start);
  }

  /** Where the record is kept, for `read`: one lookup where `has` then `get` would be two. */
  locate(key: string): number | undefined {
    return this.#at.get(key);
  }

  /** A fresh copy of the record `locate` found, before any write since. */
  read(start: number): T {
    this.#chunk = this.#chunks[Math.floor(start / CHUNK)] as Slots;
    this.#pos = (start % CHUNK) + 1;
    return this.#read() as T;
  }

  delete(key: string): boolean {
    const start = this.#at.get(key);
    if (start === undefined) return false;
    this.#at.delete(key);
    const sizeClass = (this.#chunks[Math.floor(start / CHUNK)] as Slots).nums[start % CHUNK] as number;
    const free = this.#free[sizeClass] ?? [];
    this.#free[sizeClass] = free;
    free.push(start);
    this.#slotsHeld -= sizeClass * GRAIN;
    return true;
  }

  clear(): void {
    this.#at.clear();
    this.#chunks = [];
    this.#top = 0;
    this.#free = [];
    this.#refs = [];
    this.#refIndex.clear();
    this.#shapes = [];
    this.#shapeIndex.clear();
    this.#builders = [];
    this.#slotsHeld = 0;
  }

  #allocate(sizeClass: number): number {
    const reused = this.#free[sizeClass]?.pop();
    if (reused !== undefined) return reused;
    const size = sizeClass * GRAIN;
    // A block never spans two chunks: the end of one too short for it stays unused.
    if (this.#chunks.length === 0 || this.#top + size > CHUNK) {
      this.#chunks.push(new Slots(CHUNK));
      this.#top = 0;
    }
    const start = (this.#chunks.length - 1) * CHUNK + this.#top;
    this.#top += size;
    return start;
  }

  #push(tag: number, num: number): void {
    if (this.#length === this.#scratch.length) this.#grow();
    this.#scratch.nums[this.#length] = num;
    this.#scratch.tags[this.#length] = tag;
    this.#length++;
  }

  #grow(): void {
    const grown = new Slots(this.#scratch.length * 2);
    // Same-type typed array copies are byte copies: a string's units stay as they were written.
    grown.nums.set(this.#scratch.nums);
    grown.tags.set(this.#scratch.tags);
    this.#scratch = grown;
  }

  #write(value: unknown): void {
    if (typeof value === 'number') this.#push(NUM, value);
    else if (typeof value === 'boolean') this.#push(value ? TRUE : FALSE, 0);
    else if (value === undefined) this.#push(UNDEFINED, 0);
    else if (value === null) this.#push(NULL, 0);
    else if (typeof value === 'string') {
      if (this.shared(value)) this.#push(REF, this.#ref(value));
      else this.#string(value);
    } else if (typeof value !== 'object') this.#refuse(value);
    else if (Object.isFrozen(value)) this.#push(REF, this.#ref(value));
    else if (value instanceof Date) this.#push(DATE, value.getTime());
    else if (Array.isArray(value)) {
      this.#push(ARR, value.length);
      for (let i = 0; i < value.length; i++) this.#write(value[i]);
    } else if (Object.getPrototypeOf(value) === Object.prototype && !Object.hasOwn(value, '__proto__')) {
      // (An own `__proto__` key would set the copy's prototype when read back: refused.)
      const keys = Object.keys(value);
      this.#push(OBJ, this.#shape(keys));
      for (const key of keys) this.#write((value as Record<string, unknown>)[key]);
    } else this.#refuse(value);
  }

  #refuse(value: unknown): never {
    throw new TypeError(`cannot pack a ${Object.prototype.toString.call(value)}`);
  }

  #string(value: string): void {
    this.#push(STR, value.length);
    for (let i = 0; i < value.length; i += 4) {
      this.#push(STR, 0);
      const units = this.#scratch.units;
      const at = (this.#length - 1) * 4;
      for (let k = 0; k < 4 && i + k < value.length; k++) units[at + k] = value.charCodeAt(i + k);
    }
  }

  #ref(value: unknown): number {
    let index = this.#refIndex.get(value);
    if (index === undefined) {
      index = this.#refs.length;
      this.#refs.push(value);
      this.#refIndex.set(value, index);
    }
    return index;
  }

  #shape(keys: string[]): number {
    // JSON, not a join: keys [] and [''] (or ['a\0', 'b'] and ['a', '\0b']) must not meet.
    const id = JSON.stringify(keys);
    let index = this.#shapeIndex.get(id);
    if (index === undefined) {
      index = this.#shapes.length;
      this.#shapes.push(keys);
      this.#shapeIndex.set(id, index);
      // Storing keys one by one into `{}` was ≈ 8 µs a profile (a keyed store by name each);
      // a literal per shape is one allocation. The keys are quoted by JSON, `__proto__` refused.
      const fields = keys.map((key) => `${JSON.stringify(key)}: next()`).join(', ');
      this.#builders.push(
        new Function('next', `return { ${fields} };`) as (next: () => unknown) => Record<string, unknown>,
      );
    }
    return index;
  }

  #read(): unknown {
    const { tags, nums } = this.#chunk;
    const tag = tags[this.#pos];
    const num = nums[this.#pos] as number;
    this.#pos++;
    switch (tag) {
      case NUM:
        return num;
      case TRUE:
        return true;
      case FALSE:
        return false;
      case NULL:
        return null;
      case UNDEFINED:
        return undefined;
      case DATE:
        return new Date(num);
      case REF:
        return this.#refs[num];
      case STR: {
        const start = this.#pos * 8;
        this.#pos += Math.ceil(num / 4);
        return this.#chunk.bytes.toString('utf16le', start, start + num * 2);
      }
      case ARR: {
        const array: unknown[] = [];
        for (let i = 0; i < num; i++) array.push(this.#read());
        return array;
      }
      case OBJ:
        return (this.#builders[num] as (next: () => unknown) => Record<string, unknown>)(this.#next);
    }
    throw new Error(`packed records: slot tag ${tag} read where a value starts`);
  }
}
