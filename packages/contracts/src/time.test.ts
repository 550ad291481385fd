import t from 'tap';
import { beijingDate, beijingDayStart, InstantInput, instantInput, instantOf } from './index.ts';

t.test('a date or time without a zone is Beijing time', async (t) => {
  t.equal(instantOf('2026-12-31T18:00:00')?.toISOString(), '2026-12-31T10:00:00.000Z');
  t.equal(instantOf('2026-12-31T18:00')?.toISOString(), '2026-12-31T10:00:00.000Z');
  t.equal(instantOf('2026-12-31')?.toISOString(), '2026-12-30T16:00:00.000Z', 'a date starts at Beijing midnight');
  t.equal(instantOf('2026-12-31', { endOfDay: true })?.toISOString(), '2026-12-31T15:59:59.000Z');
  t.equal(instantOf('2026-12-31T18:00:00Z')?.toISOString(), '2026-12-31T18:00:00.000Z', 'a zone is kept');
  t.equal(instantOf('2026-12-31T18:00:00-05:00')?.toISOString(), '2026-12-31T23:00:00.000Z');
  t.equal(instantOf('31/12/2026'), undefined);
});

t.test('Beijing calendar days', async (t) => {
  t.equal(beijingDate(new Date('2026-12-31T16:30:00Z')), '2027-01-01');
  t.equal(beijingDayStart('2027-01-01').toISOString(), '2026-12-31T16:00:00.000Z');
});

t.test('instant input takes a zone, no zone, or a date', async (t) => {
  for (const s of ['2026-12-31T18:00:00Z', '2026-12-31T18:00:00+08:00', '2026-12-31T18:00:00', '2026-12-31']) {
    t.ok(InstantInput.safeParse(s).success, s);
  }
  t.notOk(InstantInput.safeParse('tomorrow').success);
});

t.test('an instant outside the years 1900–2100 is refused at the door (year 0 fails the statement)', async (t) => {
  for (const s of ['0000-01-01', '0704-02-29T00:50', '1899-12-31T23:59:59Z', '2101-01-01']) {
    t.notOk(InstantInput.safeParse(s).success, s);
    t.notOk(instantInput().safeParse(s).success, s);
  }
  t.ok(instantInput().safeParse('1900-01-01').success);
});
