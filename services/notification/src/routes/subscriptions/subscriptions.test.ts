// Webhook addresses that lead inside are refused when subscribed; the opt-out link asks on a GET
// and acts on a POST (a link preview or a mail scanner opens it, a person presses the button).
import { residentIdCheckChar } from '@duijie/contracts';
import { newId, seekers, subscriptions } from '@duijie/db';
import { withEachDatabase } from '@duijie/db/testing';
import { captureLogger, staffAuth, testStaffTokens } from '@duijie/service-kit/testing';
import { eq } from 'drizzle-orm';
import t from 'tap';
import { buildApp } from '../../app.ts';

await withEachDatabase(t, async (t, db) => {
  const app = buildApp({
    db,
    logger: captureLogger('warn').logger,
    staffTokens: testStaffTokens,
    // One loopback address allowed, as a test's receiver would be; every other internal one refused.
    config: { OUTBOUND_ALLOW: '127.0.0.3', PUBLIC_URL: 'https://jiuye.jishou.gov.cn' },
    delivery: { run: false },
  });
  t.teardown(() => app.close());
  const admin = await staffAuth({ regionCode: '433100' });
  let people = 0;
  const seeker = async () => {
    const stem = `43310119880101${String(100 + people++)}`;
    const [row] = await db.db
      .insert(seekers)
      .values({
        id: newId('skr'),
        name: `求职者${people}`,
        idNumber: `${stem}${residentIdCheckChar(stem)}`,
        residenceRegionCode: '433101',
      })
      .returning({ id: seekers.id });
    return (row as { id: string }).id;
  };
  const subscribe = (seekerId: string, webhook: string) =>
    app.inject({
      method: 'PUT',
      url: `/v1/subscriptions/${seekerId}`,
      headers: admin,
      payload: { channels: ['webhook'], topics: ['jobs'], addresses: { webhook } },
    });

  await t.test('a webhook address that leads inside is refused with a 422 naming the field', async (t) => {
    const id = await seeker();
    for (const url of [
      'http://127.0.0.1:9181/v1/employers',
      'http://10.0.0.5/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]:9181/v1/employers',
      'http://[::ffff:192.168.1.1]/',
      'http://localhost:9181/v1/employers',
    ]) {
      const res = await subscribe(id, url);
      t.equal(res.statusCode, 422, url);
      t.match(res.json(), {
        type: /address-not-public$/,
        errors: [{ in: 'body', field: 'addresses.webhook', message: /address: only public addresses are reached/ }],
      });
    }
    const stored = await db.db.select().from(subscriptions).where(eq(subscriptions.seekerId, id));
    t.same(stored, [], 'nothing stored');
    const allowed = await subscribe(id, 'http://127.0.0.3:9181/hook');
    t.equal(allowed.statusCode, 200, 'an address the operator allows (OUTBOUND_ALLOW) is taken');
  });

  await t.test('opening the link asks and changes nothing; the button’s POST opts out', async (t) => {
    const id = await seeker();
    const sub = (await subscribe(id, 'http://127.0.0.3:9181/hook')).json();
    t.match(
      sub.unsubscribeUrl,
      /^https:\/\/jiuye\.jishou\.gov\.cn\/v1\/subscriptions\/unsubscribe\/[A-Za-z0-9_-]{22}$/,
    );
    const path = new URL(sub.unsubscribeUrl).pathname;
    const token = path.split('/').pop() as string;
    const optedOut = async () =>
      (await app.inject({ method: 'GET', url: `/v1/subscriptions/${id}`, headers: admin })).json().optedOut;

    // A person, a messaging app's preview, a mail scanner: each opens the link, some twice.
    for (const headers of [
      {},
      { 'user-agent': 'WhatsApp/2.23' },
      { 'user-agent': 'Mozilla/5.0', accept: 'text/html' },
    ]) {
      const page = await app.inject({ method: 'GET', url: path, headers });
      t.equal(page.statusCode, 200);
      t.match(page.headers['content-type'], /^text\/html; charset=utf-8/);
      t.match(page.headers['content-security-policy'], /default-src 'none'/, 'nothing loaded from elsewhere');
      t.equal(page.headers['referrer-policy'], 'no-referrer', 'the link is not passed on');
      t.match(page.body, /<html lang="zh-CN">/);
      t.match(page.body, /确认退订/);
      t.match(page.body, `<form method="post" action="${token}">`);
      t.match(page.body, '<input type="hidden" name="List-Unsubscribe" value="One-Click">');
      t.notMatch(page.body, /<(script|img|link)\b|https?:\/\//, 'no script, no external asset');
    }
    const head = await app.inject({ method: 'HEAD', url: path });
    t.equal(head.statusCode, 200);
    t.equal(await optedOut(), false, 'still subscribed after every GET');

    // The page's button posts a form; the answer is a page.
    const done = await app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    t.equal(done.statusCode, 200);
    t.match(done.headers['content-type'], /^text\/html/);
    t.match(done.body, /您已退订/);
    t.equal(await optedOut(), true);
    const page = await app.inject({ method: 'GET', url: path });
    t.match(page.body, /您已退订/, 'the link, opened again, says so');
    t.notMatch(page.body, /<form/);
  });

  await t.test('RFC 8058 one-click: the mailbox provider’s POST opts out; so does an API client’s', async (t) => {
    const viaMail = await seeker();
    const mailPath = new URL((await subscribe(viaMail, 'http://127.0.0.3:9181/hook')).json().unsubscribeUrl).pathname;
    const boundary = 'duijie-boundary';
    const oneClick = await app.inject({
      method: 'POST',
      url: mailPath,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
    });
    t.equal(oneClick.statusCode, 200);
    const viaApi = await seeker();
    const apiPath = new URL((await subscribe(viaApi, 'http://127.0.0.3:9181/hook')).json().unsubscribeUrl).pathname;
    const api = await app.inject({ method: 'POST', url: apiPath });
    t.equal(api.statusCode, 200);
    t.same(api.json(), { optedOut: true });
    const again = await app.inject({ method: 'POST', url: apiPath, payload: {} });
    t.same(again.json(), { optedOut: true }, 'twice: the same');
    for (const id of [viaMail, viaApi]) {
      const [row] = await db.db.select().from(subscriptions).where(eq(subscriptions.seekerId, id));
      t.ok(row?.optedOutAt, 'opted out');
    }
    const unknown = await app.inject({ method: 'POST', url: '/v1/subscriptions/unsubscribe/AAAAAAAAAAAAAAAAAAAAAA' });
    t.equal(unknown.statusCode, 404);
    const markup = await app.inject({
      method: 'GET',
      url: '/v1/subscriptions/unsubscribe/%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    });
    t.equal(markup.statusCode, 400, 'a token is letters, digits, - and _ only');
    t.notMatch(markup.body, /<script>/);
  });
});
