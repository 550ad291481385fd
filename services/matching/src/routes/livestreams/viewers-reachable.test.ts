// Viewers can be reached: they name their place as they know it, hear which of their skills
// were not understood, and may leave a number to be called back — masked in every answer and
// log, unmasked only to the session's staff, each read audited.
import { auditLog } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import { eq } from 'drizzle-orm';
import t from 'tap';
import { addEmployer, addLivestream, matchingApp } from '../../testing.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
const PHONE = '13912345678';

await withEachDatabase(t, async (t, db) => {
  const { app, logLines } = matchingApp(t, db, { clock: () => NOW });
  const host = await staffAuth({ staffId: 'luxi-host', role: 'officer', regionCode: '433122' });
  const yunxi = await staffAuth({ staffId: 'yunxi-desk', role: 'officer', regionCode: '420322' });
  const employer = await addEmployer(db, '433122');
  const send = (method: 'GET' | 'POST', url: string, headers: object, payload?: object) =>
    app.inject({ method, url, headers: headers as Record<string, string>, ...(payload ? { payload } : {}) });
  const created = await addLivestream(app, host, [employer.vacancyId]);
  const url = `/v1/livestreams/${created.id}`;
  const register = (body: object, headers: object = {}) => send('POST', `${url}/viewers`, headers, body);

  const caller = await register({
    platformUserId: 'dy-callback',
    region: '鳳凰縣',
    skills: ['电焊', '无人机航拍剪辑'],
    callback: { phone: PHONE, consent: true },
  });
  const quiet = await register({ platformUserId: 'dy-quiet', regionCode: '433122' });

  t.test('a viewer names their place as they write it, and hears which skills were not understood', async (t) => {
    t.equal(caller.statusCode, 201, caller.body);
    t.match(caller.json(), {
      regionCode: '433123',
      skillCodes: ['skill.welding'],
      unknownSkills: ['无人机航拍剪辑'],
    });
    t.same(quiet.json().unknownSkills, []);
    t.equal(quiet.json().callback, null, 'no number left, none shown');
  });

  t.test('a place that is no place, or several, is refused naming the field and the candidates', async (t) => {
    const several = await register({ platformUserId: 'dy-x1', region: '朝阳区' });
    t.equal(several.statusCode, 422);
    t.match(several.json(), {
      type: /ambiguous-place$/,
      errors: [{ in: 'body', field: 'region' }],
      candidates: [{ code: '110105' }, { code: '220104' }],
    });
    t.equal((await register({ platformUserId: 'dy-x2', region: '火星县' })).statusCode, 422);
    const neither = await register({ platformUserId: 'dy-x3' });
    t.equal(neither.statusCode, 400);
    t.match(neither.json(), { errors: [{ field: 'regionCode' }] });
  });

  t.test('the call-back number is masked in the answer, and kept with the moment of consent', async (t) => {
    t.same(caller.json().callback, { phone: '139****5678', consentedAt: NOW.toISOString() });
    t.notOk(caller.body.includes(PHONE));
  });

  t.test('a number that is no mobile, or without consent, is refused naming the field', async (t) => {
    for (const callback of [
      { phone: '0743-1234567', consent: true },
      { phone: PHONE, consent: false },
      { phone: PHONE },
    ]) {
      const res = await register({ platformUserId: 'dy-bad-phone', regionCode: '433122', callback });
      t.equal(res.statusCode, 400, JSON.stringify(callback));
      t.match(res.json(), { errors: [{ field: /^callback\./ }] });
      t.notOk(res.body.includes(PHONE), 'the number is not echoed');
    }
  });

  t.test('a viewer coming back with their token may leave a number later', async (t) => {
    const res = await register(
      { platformUserId: 'dy-quiet', regionCode: '433122', callback: { phone: '13700001111', consent: true } },
      { 'x-viewer-token': quiet.json().viewerToken },
    );
    t.equal(res.statusCode, 200, res.body);
    t.match(res.json(), { id: quiet.json().id, existing: true, callback: { phone: '137****1111' } });
    const without = await register({
      platformUserId: 'dy-quiet',
      regionCode: '433122',
      callback: { phone: '13800002222', consent: true },
    });
    t.equal(without.statusCode, 409, 'without the token, nobody changes it');
  });

  t.test('the session’s staff list the viewers to call back, numbers masked', async (t) => {
    const res = await send('GET', `${url}/viewers?withCallback=true`, host);
    t.equal(res.statusCode, 200, res.body);
    const items = res.json().items as { id: string; callback: { phone: string } }[];
    t.same(items.map((v) => v.id).sort(), [caller.json().id, quiet.json().id].sort());
    t.notOk(res.body.includes(PHONE));
    const all = await send('GET', `${url}/viewers?limit=1`, host);
    t.equal(all.json().items.length, 1);
    t.type(all.json().nextCursor, 'string');
    const none = await send('GET', `${url}/viewers?withCallback=false`, host);
    t.same(none.json().items, []);
  });

  t.test('only the session’s staff read the number itself, and each read is audited', async (t) => {
    const path = `${url}/viewers/${caller.json().id}/personal-data`;
    const res = await send('GET', path, host);
    t.equal(res.statusCode, 200, res.body);
    t.same(res.json(), {
      viewerId: caller.json().id,
      livestreamId: created.id,
      callbackPhone: PHONE,
      consentedAt: NOW.toISOString(),
    });
    t.equal(res.headers['cache-control'], 'no-store');
    const audited = await db.db.select().from(auditLog).where(eq(auditLog.subjectId, caller.json().id));
    t.match(audited, [{ actor: 'staff:luxi-host', action: 'livestream-viewer.personal-data.read' }]);

    t.equal((await send('GET', path, yunxi)).statusCode, 403, 'staff of another county');
    t.equal((await send('GET', path, employer.key)).statusCode, 401, 'an employer');
    t.equal((await send('GET', path, {})).statusCode, 401, 'anyone');
    const asViewer = await send('GET', path, { 'x-viewer-token': caller.json().viewerToken });
    t.equal(asViewer.statusCode, 401, 'the viewer’s token opens nothing here');
    t.equal((await send('GET', `${url}/viewers`, yunxi)).statusCode, 403, 'nor the list');
    t.equal((await send('GET', `${url}/viewers/vwr_${'0'.repeat(32)}/personal-data`, host)).statusCode, 404);
    t.equal(
      (await db.db.select().from(auditLog).where(eq(auditLog.subjectId, caller.json().id))).length,
      1,
      'refused reads serve nothing',
    );
  });

  t.test('no log line holds a number', async (t) => {
    const logs = logLines().join('\n');
    for (const n of [PHONE, '13700001111', '13800002222']) t.notOk(logs.includes(n), n);
  });
});
