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
