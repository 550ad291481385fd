import { publishEvent } from '@duijie/db';
import { testBackends } from '@duijie/db/testing';
import t from 'tap';
import { type Change, ChangeFeed } from './change-feed.ts';

const event = (id: string) => ({
  type: 'vacancy.updated' as const,
  aggregateType: 'vacancy',
  aggregateId: id,
  payload: { vacancyId: id, employerId: 'emp_feed', status: 'open', version: 1 },
});

for (const backend of await testBackends()) {
  t.test(backend.name, { skip: backend.skip }, async (t) => {
    const handle = await backend.open();
    t.teardown(() => handle.close());
    const feed = new ChangeFeed(handle.db);
    const seen: Change[] = [];
    feed.subscribe((changes) => seen.push(...changes));
    await feed.poll();
    await handle.db.transaction((tx) => publishEvent(tx, event('vac_before')));

    t.test('each new event reaches the listeners once', async (t) => {
      await feed.poll();
      await feed.poll();
      t.same(
        seen.map((c) => c.aggregateId),
        ['vac_before'],
      );
    });

    t.test(
      'an event committed after a later one is still delivered, once',
      { skip: backend.name === 'pglite' && 'PGlite runs one transaction at a time' },
      async (t) => {
        seen.length = 0;
        let release: () => void = () => {};
        const held = new Promise<void>((r) => {
          release = r;
        });
        let inserted: () => void = () => {};
        const hasInserted = new Promise<void>((r) => {
          inserted = r;
        });
        // The slow transaction takes its sequence number first and commits last.
        const slow = handle.db.transaction(async (tx) => {
          await publishEvent(tx, event('vac_slow'));
          inserted();
          await held;
        });
        await hasInserted;
        await handle.db.transaction((tx) => publishEvent(tx, event('vac_fast')));
        await feed.poll();
        t.same(
          seen.map((c) => c.aggregateId),
          ['vac_fast'],
        );
        release();
        await slow;
        await feed.poll();
        await feed.poll();
        t.same(
          seen.map((c) => c.aggregateId),
          ['vac_fast', 'vac_slow'],
        );
      },
    );
  });
}
