import { randomBytes } from 'node:crypto';
import { captureLogger, testStaffTokens } from '@duijie/service-kit/testing';
import t, { type Test } from 'tap';
import { buildApp } from './app.ts';
import { standInUpstreams } from './testing.ts';

const { logger } = captureLogger('warn');
const { upstreams, close } = await standInUpstreams(logger);
t.teardown(close);

/** A gateway allowing `max` requests a minute per caller, closed with the test. */
function limitedGateway(t: Test, max: number) {
  const gateway = buildApp({ logger, upstreams, staffTokens: testStaffTokens, rateLimit: { max, windowMs: 60_000 } });
  t.teardown(() => gateway.close());
  return gateway;
}

const read = { url: '/v1/employers/emp_1' };
const random = () => randomBytes(24).toString('base64url');
const staffToken = (staffId: string) =>
  testStaffTokens.issue({ staffId, name: '测试', role: 'officer', regionCode: '433122' });

t.test('1,000 requests with invented credentials are limited like one client', async (t) => {
  const gateway = limitedGateway(t, 50);
  const inventions = [
    () => ({ authorization: `Bearer ${random()}` }), // a forged staff token
    () => ({ authorization: `Bearer dj_${randomBytes(6).toString('hex')}_${random()}` }), // a guessed API key
    () => ({ 'x-api-key': random() }),
    () => ({ 'x-forwarded-for': `203.0.113.${Math.floor(Math.random() * 250)}` }), // a claimed address
  ];
  let answered = 0;
  for (let i = 0; i < 1000; i++) {
    const res = await gateway.inject({ ...read, headers: inventions[i % inventions.length]?.() });
    if (res.statusCode !== 429) answered += 1;
  }
  t.equal(answered, 50, 'only the allowance of one address is answered');
  const elsewhere = await gateway.inject({ ...read, remoteAddress: '198.51.100.9' });
  t.equal(elsewhere.statusCode, 404, 'a client at another address has its own allowance');
});

t.test('one staff member is one caller: any spelling of the header, any of their tokens', async (t) => {
  const gateway = limitedGateway(t, 5);
  const token = await staffToken('officer-1');
  const refreshed = await testStaffTokens.issue(
    { staffId: 'officer-1', name: '测试', role: 'officer', regionCode: '433122' },
    '1h',
  );
  t.not(refreshed, token, 'a refreshed token is another string');
  const spellings = [
    `Bearer ${token}`,
    `bearer ${token}`,
    `BEARER ${token}`,
    `Bearer   ${token}  `,
    `Bearer ${refreshed}`,
  ];
  for (const authorization of spellings) {
    // From different addresses too: a verified staff member is counted as themselves.
    const res = await gateway.inject({
      ...read,
      headers: { authorization },
      remoteAddress: `10.0.0.${spellings.indexOf(authorization)}`,
    });
    t.equal(res.statusCode, 404, `${authorization.slice(0, 9)}… passes`);
  }
  const over = await gateway.inject({ ...read, headers: { authorization: `bEaReR ${token}` } });
  t.equal(over.statusCode, 429, 'the sixth, in yet another spelling, is over');
  const colleague = await gateway.inject({
    ...read,
    headers: { authorization: `Bearer ${await staffToken('officer-2')}` },
  });
  t.equal(colleague.statusCode, 404, 'another staff member has their own allowance');
});

t.test('429 is problem+json naming the limit and its window, and Retry-After the wait', async (t) => {
  const gateway = limitedGateway(t, 3);
  for (let i = 0; i < 3; i++) t.equal((await gateway.inject(read)).statusCode, 404, `request ${i + 1} passes`);
  const over = await gateway.inject(read);
  t.equal(over.statusCode, 429);
  t.match(over.headers['content-type'], /^application\/problem\+json/);
  const wait = Number(over.headers['retry-after']);
  t.ok(wait > 0 && wait <= 60, `Retry-After ${wait}`);
  t.match(over.json(), {
    status: 429,
    type: /rate-limited$/,
    title: '请求过于频繁',
    detail: `1 分钟内超过 3 次请求；请 ${wait} 秒后重试（见 Retry-After）`,
  });
  const inEnglish = await gateway.inject({ ...read, headers: { 'accept-language': 'en' } });
  t.match(inEnglish.json(), { detail: /^More than 3 requests in 1 minute; retry in \d+ s \(Retry-After\)$/ });
  t.equal((await gateway.inject('/health')).statusCode, 200, 'health is never limited');
});

t.test('the services hear who the client is from the gateway, not from the client', async (t) => {
  const gateway = buildApp({ logger, upstreams, staffTokens: testStaffTokens });
  t.teardown(() => gateway.close());
  const res = await gateway.inject({
    url: '/v1/reports/client',
    remoteAddress: '203.0.113.7',
    headers: { 'x-forwarded-for': '192.0.2.1' },
  });
  t.same(res.json(), { ip: '203.0.113.7' }, 'the address the gateway saw; the claimed one is dropped');

  const behindBalancer = buildApp({ logger, upstreams, staffTokens: testStaffTokens, trustedProxies: '10.0.0.0/8' });
  t.teardown(() => behindBalancer.close());
  const viaBalancer = await behindBalancer.inject({
    url: '/v1/reports/client',
    remoteAddress: '10.1.2.3',
    headers: { 'x-forwarded-for': '203.0.113.8' },
  });
  t.same(viaBalancer.json(), { ip: '203.0.113.8' }, 'behind a trusted balancer, the client it names');
});
