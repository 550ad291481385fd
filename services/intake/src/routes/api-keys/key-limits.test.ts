import { randomBytes } from 'node:crypto';
import { withEachDatabase } from '@duijie/db/testing';
import { staffAuth } from '@duijie/service-kit/testing';
import t from 'tap';
import { intakeApp, registerEmployer } from '../../testing.ts';

await withEachDatabase(t, async (t, db) => {
  const { app } = intakeApp(t, db, {
    keyLimits: { perKey: { max: 3, windowMs: 60_000 }, failedKeysPerAddress: { max: 5, windowMs: 60_000 } },
  });
  const employerId = await registerEmployer(app, {
    name: '凤凰某银饰公司',
    creditStem: '91433123MA4K00007',
    regionCode: '433123',
  });
  const key = async () =>
    (
      await app.inject({
        method: 'POST',
        url: `/v1/employers/${employerId}/api-keys`,
        headers: await staffAuth(),
        payload: { name: '招聘系统' },
      })
    ).json().key as string;
  const read = (authorization: string, remoteAddress = '127.0.0.1') =>
    app.inject({ url: '/v1/vacancies?limit=1', headers: { authorization }, remoteAddress });

  t.test('a verified key gets its allowance, then 429 naming the limit; another key has its own', async (t) => {
    const mine = `Bearer ${await key()}`;
    for (let i = 0; i < 3; i++) t.equal((await read(mine)).statusCode, 200);
    const over = await read(`bearer ${mine.slice(7)}`);
    t.equal(over.statusCode, 429, 'any spelling of the header is the same key');
    t.match(over.json(), { type: /rate-limited$/, detail: /^1 分钟内超过 3 次请求；请 \d+ 秒后重试/ });
    const inEnglish = await app.inject({
      url: '/v1/vacancies?limit=1',
      headers: { authorization: mine, 'accept-language': 'en' },
    });
    t.match(inEnglish.json(), { type: /rate-limited$/, detail: /^More than 3 requests in 1 minute; retry in \d+ s/ });
    t.ok(Number(over.headers['retry-after']) > 0);
    t.equal((await read(`Bearer ${await key()}`)).statusCode, 200);
  });

  t.test('unknown keys: a few look-ups per address, then 429 before the database is asked', async (t) => {
    const guess = () => `Bearer dj_${randomBytes(6).toString('hex')}_${randomBytes(32).toString('base64url')}`;
    const statuses = [];
    for (let i = 0; i < 20; i++) statuses.push((await read(guess(), '198.51.100.7')).statusCode);
    t.same(statuses, [...Array(5).fill(401), ...Array(15).fill(429)]);
    t.equal((await read(guess(), '198.51.100.8')).statusCode, 401, 'another address is still asked');
    t.equal((await read(`Bearer ${await key()}`, '198.51.100.7')).statusCode, 429, 'even a good key waits');
  });
});
