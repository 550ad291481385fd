export type Ranked = { id: string; score: number };

/**
 * The k best seen so far, kept sorted best first. Ties go to the smaller id, so results do
 * not depend on the order items arrive in.
 */
export class TopK {
  readonly items: Ranked[] = [];
  /** The score a newcomer must reach (−1 until the list is full). */
  threshold = -1;
  constructor(private readonly k: number) {}

  /** Adds an item if it ranks among the k best; an id already listed is not added again. */
  offer(id: string, score: number): void {
    const items = this.items;
    for (const item of items) if (item.id === id) return;
    if (items.length >= this.k) {
      const last = items[items.length - 1] as Ranked;
      if (score < last.score || (score === last.score && id > last.id)) return;
      items.pop();
    }
    let i = items.length;
    while (i > 0) {
      const prev = items[i - 1] as Ranked;
      if (prev.score > score || (prev.score === score && prev.id < id)) break;
      i--;
    }
    items.splice(i, 0, { id, score });
    if (items.length >= this.k) this.threshold = (items[items.length - 1] as Ranked).score;
  }
}

/**
 * Many top-k lists of small integers in flat typed arrays, for the fair's hot loop: no
 * object per entry, so millions of offers leave nothing for the collector. Items are ranks
 * in id order, so the smaller item wins a tie as the smaller id does in TopK.
 */
export class TopKTable {
  readonly items: Int32Array;
  readonly scores: Float64Array;
  readonly sizes: Int32Array;
  /** Each row's score a newcomer must reach (−1 until the row is full). */
  readonly thresholds: Float64Array;

  constructor(
    rows: number,
    private readonly k: number,
  ) {
    this.items = new Int32Array(rows * k);
    this.scores = new Float64Array(rows * k);
    this.sizes = new Int32Array(rows);
    this.thresholds = new Float64Array(rows).fill(-1);
  }

  /** As TopK.offer: adds the item if it ranks among the row's k best and is not there yet. */
  offer(row: number, item: number, score: number): void {
    const { items, scores, k } = this;
    const base = row * k;
    let n = this.sizes[row] as number;
    for (let j = base; j < base + n; j++) if (items[j] === item) return;
    if (n >= k) {
      const last = scores[base + n - 1] as number;
      if (score < last || (score === last && item > (items[base + n - 1] as number))) return;
      n--;
    }
    let i = n;
    while (i > 0) {
      const previous = scores[base + i - 1] as number;
      if (previous > score || (previous === score && (items[base + i - 1] as number) < item)) break;
      scores[base + i] = previous;
      items[base + i] = items[base + i - 1] as number;
      i--;
    }
    scores[base + i] = score;
    items[base + i] = item;
    this.sizes[row] = ++n;
    if (n >= k) this.thresholds[row] = scores[base + n - 1] as number;
  }

  /** The row best first, items named by idOf. */
  ranked(row: number, idOf: (item: number) => string): Ranked[] {
    const out: Ranked[] = [];
    const base = row * this.k;
    for (let j = 0; j < (this.sizes[row] as number); j++) {
      out.push({ id: idOf(this.items[base + j] as number), score: this.scores[base + j] as number });
    }
    return out;
  }

  clear(row: number): void {
    this.sizes[row] = 0;
    this.thresholds[row] = -1;
  }
}
