// Screens in the hall follow a fair's feed: woken by the database's NOTIFY through one LISTEN
// per process (not a poll per connection), resuming from Last-Event-ID, ended cleanly.
import { fairs, newId, publishEvent } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { captureLogger, testStaffTokens } from '@duijie/service-kit/testing';
import t from 'tap';
import { buildApp } from '../../app.ts';

/** Reads a stream's SSE events; `next(n)` waits (bounded) for the event numbered n. */
function screen(res: Response) {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  const ids = () => [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
  return {
    ids,
    text: () => text,
    async next(n: number, withinMs = 5_000) {
      const deadline = Date.now() + withinMs;
      while (!ids().includes(n)) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`event ${n} not received within ${withinMs} ms; got ${ids()}`);
        const chunk = await Promise.race([
          reader.read(),
          new Promise<null>((resolve) => setTimeout(() => resolve(null), left).unref()),
        ]);
        if (chunk === null) continue;
        if (chunk.done) throw new Error(`the stream ended before event ${n}`);
        text += decoder.decode(chunk.value, { stream: true });
      }
    },
    /** Resolves when the server ends the stream. */
    async ended() {
      for (;;) if ((await reader.read()).done) return true;
    },
    cancel: () => reader.cancel(),
  };
}

await withEachDatabase(t, async (t, db) => {
  const app = buildApp({
    db,
    logger: captureLogger('warn').logger,
    staffTokens: testStaffTokens,
    delivery: { run: false },
    // No fallback read within a test: only NOTIFY can wake the feeds.
    feedFallbackMs: 600_000,
  });
  let closed = false;
  t.teardown(() => (closed ? undefined : app.close()));
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const fairId = newId('fai');
  await db.db.insert(fairs).values({
    id: fairId,
    name: '吉首春风行动招聘会',
    kind: 'on_site',
    venueRegionCode: '433101',
    startsAt: new Date('2026-03-01T01:00:00Z'),
    endsAt: new Date('2026-03-01T08:00:00Z'),
    createdBy: 'staff:test',
  });
  const boothJoined = (n: number) =>
    db.db.transaction((tx) =>
      publishEvent(tx, {
        type: 'fair.booth_joined',
        aggregateType: 'fair',
        aggregateId: fairId,
        payload: { fairId, employerId: `emp_${'0'.repeat(31)}${n}`, booth: `A${n}`, vacancyIds: [], feedSeq: n },
      }),
    );
  const open = (headers: Record<string, string> = {}) =>
    fetch(`${base}/v1/feeds/fairs/${fairId}`, { headers: { accept: 'text/event-stream', ...headers } });

  await boothJoined(1);
  const screens = await Promise.all([open(), open(), open()]);
  for (const res of screens) {
    t.equal(res.status, 200);
    t.match(res.headers.get('content-type'), /^text\/event-stream/);
  }
  const readers = screens.map(screen);
  await Promise.all(readers.map((r) => r.next(1)));
  t.pass('each screen got what was published before it came');

  const readsBefore = app.feeds.reads;
  const committed = Date.now();
  await boothJoined(2);
  // Generous: the suite shares two cores. How soon is bench:web's to measure.
  await Promise.all(readers.map((r) => r.next(2, 15_000)));
  t.pass(`every screen got the new event on the open stream (${Date.now() - committed} ms after its commit)`);
  t.ok(
    app.feeds.reads - readsBefore < readers.length,
    `one read for all screens, not one each (${app.feeds.reads - readsBefore} for ${readers.length})`,
  );
  t.match(
    readers[0]?.text(),
    /event: fair\.booth_joined\ndata: \{"n":2,"employerId":"emp_0+2","booth":"A2","counts":\{"checkedIn":0,"intents":0,"employers":2\}\}/,
    'with the running counts (employers with a booth so far)',
  );

  const resumed = screen(await open({ 'last-event-id': '1' }));
  await boothJoined(3);
  await resumed.next(3);
  t.same(resumed.ids(), [2, 3], 'a screen back with Last-Event-ID 1 gets 2 and 3, not 1 again');

  await readers[2]?.cancel();
  for (let i = 0; i < 200 && app.feeds.watching > 3; i++) await new Promise((r) => setTimeout(r, 10));
  t.equal(app.feeds.watching, 3, 'a screen that leaves is no longer fed');

  const missing = await fetch(`${base}/v1/feeds/fairs/fai_${'0'.repeat(32)}`);
  t.equal(missing.status, 404);
  t.match(missing.headers.get('content-type'), /application\/problem\+json/);

  closed = true;
  await app.close();
  t.ok(await readers[0]?.ended(), 'closing the service ends the open streams');
  t.equal(app.feeds.watching, 0);
});
