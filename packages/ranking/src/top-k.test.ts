import { deepStrictEqual, equal } from 'node:assert/strict';
import fc from 'fast-check';
import t from 'tap';
import { TopK, TopKTable } from './top-k.ts';

// The fair's typed lists must keep exactly what TopK keeps: the same items, order and ties.
// Scores are drawn from a few values so that ties are common, and items repeat.
const id = (item: number) => String(item).padStart(4, '0');

t.test('a TopKTable row keeps what a TopK keeps, ties and repeats included', async (t) => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 12 }),
      fc.array(
        fc.record({
          row: fc.integer({ min: 0, max: 2 }),
          item: fc.nat(40),
          score: fc.constantFrom(0, 0.25, 0.5, 0.75, 1),
        }),
        {
          maxLength: 300,
        },
      ),
      (k, offers) => {
        const table = new TopKTable(3, k);
        const lists = [new TopK(k), new TopK(k), new TopK(k)];
        for (const { row, item, score } of offers) {
          table.offer(row, item, score);
          lists[row]?.offer(id(item), score);
        }
        for (let row = 0; row < 3; row++) {
          deepStrictEqual(table.ranked(row, id), lists[row]?.items);
          equal(table.thresholds[row], lists[row]?.threshold);
        }
        table.clear(1);
        deepStrictEqual(table.ranked(1, id), []);
        equal(table.thresholds[1], -1);
      },
    ),
    { numRuns: 300 },
  );
  t.pass('300 random sequences of offers agree');
});
