import { residentIdCheckChar } from '@duijie/contracts';
import { outboxEvents } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { captureLogger } from '@duijie/service-kit/testing';
import { eq } from 'drizzle-orm';
import t from 'tap';
import { buildApp } from '../../app.ts';

const idOf = (first17: string) => `${first17}${residentIdCheckChar(first17)}`;
const idNumber = idOf('42032219880415231');
const phone = '13972800001';

await withEachDatabase(t, async (t, db) => {
  const log = captureLogger();
  const app = buildApp({ db, logger: log.logger, expiryIntervalMs: 0 });
  t.teardown(() => app.close());
  const register = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/v1/seekers', payload });
  const person = {
    name: '王某',
    idNumber,
    phone,
    residenceRegionCode: '420322101201',
    priorityGroups: ['registered_poor'],
    skills: [{ name: '電焊', years: 6 }],
    certificates: ['cert.welding'],
    trainingNeeds: ['叉车'],
    demand: { regionScope: 'county', acceptedRegions: ['440000'], expectedWage: { min: 250, unit: 'day' } },
  };

  t.test('a seeker is registered with the 六清 fields, personal data masked', async (t) => {
    const res = await register(person);
    t.equal(res.statusCode, 201, res.body);
    const s = res.json();
    t.match(s, {
      id: /^skr_/,
      existing: false,
      idNumber: '4203**********' + idNumber.slice(-4),
      phone: '139****0001',
      birthDate: '1988-04-15',
      gender: 'male',
      residenceRegionCode: '420322101201',
      employmentStatus: 'unemployed',
      outcome: { status: 'pending' },
      version: 1,
    });
    t.same(s.skills, [{ code: 'skill.welding', name: '电焊', years: 6 }]);
    const [event] = await db.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, s.id));
    t.match(event, { type: 'seeker.registered' });
    t.notMatch(JSON.stringify(event?.payload), idNumber, 'no personal data in the event');
  });

  t.test('registering the same ID number again updates the record and says so', async (t) => {
    const res = await register({ ...person, phone: '13972800002', employmentStatus: 'in_training' });
    t.equal(res.statusCode, 200);
    t.match(res.json(), { existing: true, version: 2, phone: '139****0002', employmentStatus: 'in_training' });
    const events = await db.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, res.json().id));
    t.same(
      events.map((e) => e.type),
      ['seeker.registered', 'seeker.updated'],
    );
  });

  t.test('a wrong check digit or an unknown residence is refused, naming the field', async (t) => {
    const wrong = idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1');
    const res = await register({ ...person, idNumber: wrong });
    t.equal(res.statusCode, 400);
    t.match(res.json().errors, [{ field: 'idNumber', message: /check digit/ }]);
    const nowhere = await register({ ...person, idNumber: idOf('42032219900101001'), residenceRegionCode: '999999' });
    t.equal(nowhere.statusCode, 422);
    t.match(nowhere.json().errors, [{ field: 'residenceRegionCode' }]);
  });

  t.test('a change with a stale version is refused', async (t) => {
    const created = (await register({ ...person, idNumber: idOf('42032219950220002') })).json();
    const ok = await app.inject({
      method: 'PATCH',
      url: `/v1/seekers/${created.id}`,
      payload: { version: 1, outcome: { status: 'placed', since: '2026-11-20' } },
    });
    t.equal(ok.statusCode, 200, ok.body);
    t.match(ok.json(), { version: 2, outcome: { status: 'placed' } });
    const stale = await app.inject({
      method: 'PATCH',
      url: `/v1/seekers/${created.id}`,
      payload: { version: 1, monitored: true },
    });
    t.equal(stale.statusCode, 409);
  });

  t.test('the ID number and phone never appear unmasked in a response or a log line', async (t) => {
    const created = (await register(person)).json();
    const read = await app.inject(`/v1/seekers/${created.id}`);
    t.notMatch(read.body, idNumber);
    t.notMatch(read.body, '13972800002');
    const all = log.lines().join('\n');
    t.notMatch(all, idNumber);
    t.notMatch(all, phone);
  });
});
