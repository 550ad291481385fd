import { withEachDatabase } from '@duijie/db/testing';
import { captureLogger, checkInBothLanguages, staffAuth, testStaffTokens } from '@duijie/service-kit/testing';
import t from 'tap';
import { buildApp } from './app.ts';

// Every kind of bad input to notification, in Chinese by default and in English on request.
await withEachDatabase(t, async (t, db) => {
  const app = buildApp({ db, logger: captureLogger().logger, staffTokens: testStaffTokens, delivery: { run: false } });
  t.teardown(() => app.close());
  const admin = await staffAuth({ role: 'admin', regionCode: '433101' });
  const broadcast =
    (payload: unknown, type = 'application/json') =>
    (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/v1/broadcasts',
        headers: { ...admin, 'content-type': type, ...headers },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });
  const good = { title: '春风行动', body: '本周六县人社局招聘会', segment: {} };

  t.test('a body that is not JSON, or not JSON at all', async (t) => {
    await checkInBothLanguages(t, broadcast('{"title":'), { code: 'fst-err-ctp-invalid-json-body', status: 400 });
    await checkInBothLanguages(t, broadcast('<title/>', 'application/xml'), {
      code: 'fst-err-ctp-invalid-media-type',
      status: 415,
    });
  });

  t.test('wrong type, missing field and a NUL, each named', async (t) => {
    for (const [payload, field] of [
      [{ ...good, title: 42 }, 'title'],
      [{ body: good.body, segment: {} }, 'title'],
      [{ ...good, title: '春风\u0000行动' }, 'title'],
    ] as const) {
      await checkInBothLanguages(t, broadcast(payload), { code: 'validation-error', status: 400, fields: [field] });
    }
  });

  t.test('an invitation link that is forged, and a segment naming a place that fits several', async (t) => {
    for (const method of ['GET', 'POST'] as const) {
      await checkInBothLanguages(
        t,
        (headers) =>
          app.inject({
            method,
            url: `/v1/invitations/answer/inv_${'0'.repeat(32)}.${'A'.repeat(43)}`,
            headers: { ...headers, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
            ...(method === 'POST' ? { payload: JSON.stringify({ answer: 'accepted' }) } : {}),
          }),
        { code: 'invitation-not-found', status: 404 },
      );
    }
    // The English detail quotes the name as sent, so it is checked by hand, not for "no CJK".
    const ambiguous = broadcast({ ...good, segment: { regions: ['朝阳区'] } });
    const zh = (await ambiguous({})).json();
    t.match(zh, { type: /ambiguous-place$/, status: 422, title: '地名对应多个地区', candidates: [{}, {}] });
    t.match(zh.detail, /可能是 2 个地区/);
    t.match(zh.errors, [{ field: 'segment.regions.0', message: /区划代码/ }]);
    const en = (await ambiguous({ 'accept-language': 'en' })).json();
    t.match(en, { type: /ambiguous-place$/, title: 'Ambiguous place', detail: /could be any of 2 places/ });
    t.match(en.errors, [{ field: 'segment.regions.0', message: 'names several places: send the code' }]);
  });

  t.test('a body over the limit', async (t) => {
    await checkInBothLanguages(t, broadcast({ ...good, body: '招'.repeat(600_000) }), {
      code: 'fst-err-ctp-body-too-large',
      status: 413,
    });
  });

  t.test('a path parameter that is no id, and a broadcast or a feed that is not there', async (t) => {
    await checkInBothLanguages(
      t,
      (headers) => app.inject({ url: '/v1/subscriptions/nobody', headers: { ...admin, ...headers } }),
      {
        code: 'validation-error',
        status: 400,
        fields: ['seekerId'],
      },
    );
    await checkInBothLanguages(
      t,
      (headers) => app.inject({ url: '/v1/feeds/fairs/fai_00000000000000000000000000000000', headers }),
      { code: 'fair-not-found', status: 404 },
    );
  });

  t.test('an SMS reply without the gateway key', async (t) => {
    await checkInBothLanguages(
      t,
      (headers) => app.inject({ method: 'POST', url: '/v1/subscriptions/sms-replies', headers, payload: {} }),
      { code: 'sms-gateway-key', status: 401 },
    );
  });
});
