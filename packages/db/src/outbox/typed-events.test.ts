import { EVENT_TYPES, parseEvent } from '@duijie/contracts';
import t from 'tap';
import { queryRows, sql } from '../client.ts';
import { withEachDatabase } from '../testing.ts';
import { type NewEvent, publishEvents } from './publish.ts';

const vacancyIds = { vacancyId: 'vac_typed', employerId: 'emp_typed', status: 'open', version: 1 };
const at = { aggregateType: 'vacancy', aggregateId: 'vac_typed' };

// Compile-time checks (typecheck covers this file): none of these may ever compile.
export const refused: NewEvent[] = [
  // @ts-expect-error an event type the union in contracts does not know
  { ...at, type: 'vacancy.vanished', payload: vacancyIds },
  // @ts-expect-error a known type with another type's payload
  { ...at, type: 'vacancy.published', payload: { seekerId: 'skr_x', version: 1 } },
  // @ts-expect-error a payload missing a field
  { ...at, type: 'fair.booth_joined', payload: { fairId: 'fai_x', booth: 'A1', vacancyIds: [], feedSeq: 1 } },
];

t.test('every type in the union has its own schema, and an envelope of each parses back', async (t) => {
  t.equal(new Set(EVENT_TYPES).size, EVENT_TYPES.length);
  t.ok(EVENT_TYPES.includes('placement.confirmed') && EVENT_TYPES.includes('livestream.lineup_changed'));
  const envelope = { id: 'evt_1', seq: 1, occurredAt: new Date().toISOString(), requestId: null, ...at };
  t.same(parseEvent({ ...envelope, type: 'vacancy.published', payload: vacancyIds }).payload, vacancyIds);
  t.throws(() => parseEvent({ ...envelope, type: 'vacancy.vanished', payload: vacancyIds }));
  t.throws(() => parseEvent({ ...envelope, type: 'vacancy.published', payload: { vacancyId: 'vac_typed' } }));
});

await withEachDatabase(t, async (t, { db }) => {
  const count = async () =>
    Number((await queryRows<{ n: string }>(db, sql`select count(*) as n from outbox_events`))[0]?.n);

  t.test('the outbox refuses, writing nothing, an event that got past the types', async (t) => {
    const before = await count();
    for (const bad of [
      { ...at, type: 'vacancy.vanished', payload: vacancyIds },
      { ...at, type: 'vacancy.published', payload: { vacancyId: 'vac_typed', idNumber: '110101199003077777' } },
    ]) {
      const err = await db
        .transaction((tx) =>
          publishEvents(tx, [{ ...at, type: 'vacancy.updated', payload: vacancyIds }, bad as NewEvent]),
        )
        .catch((e: Error) => e);
      t.match(err, { message: /does not match its schema/ });
      t.notMatch((err as Error).message, /110101/, 'the message names fields, never values');
    }
    t.equal(await count(), before, 'not even the good event of the batch');
    await db.transaction((tx) => publishEvents(tx, [{ ...at, type: 'vacancy.updated', payload: vacancyIds }]));
    t.equal(await count(), before + 1, 'a known event with its payload is written');
  });
});
