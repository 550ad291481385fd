// A staff token is the whole of an officer's authority: its region and role are what every
// service trusts. The key is imported once and kept (issue 19): a curious officer must still
// not get further by editing, re-signing or outliving their token.
import { SignJWT } from 'jose';
import t from 'tap';
import { StaffTokens } from './caller.ts';

const SECRET = 'a staff token secret of at least thirty-two characters';
const tokens = new StaffTokens(SECRET);
const officer = { staffId: 'desk-7', name: '县局专员', role: 'officer' as const, regionCode: '433101' };
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const partsOf = (token: string) => token.split('.') as [string, string, string];

t.test('a good token is accepted, many times and by another service with the same secret', async (t) => {
  const token = await tokens.issue(officer);
  const checks = await Promise.all([tokens.verify(token), tokens.verify(token), tokens.verify(token)]);
  for (const claims of checks) t.match(claims, officer);
  t.match(await new StaffTokens(SECRET).verify(token), officer, 'another instance (another service) accepts it');
  t.match(await new StaffTokens(SECRET).verify(await new StaffTokens(SECRET).issue(officer)), officer);
});

t.test("an officer who edits their token's region or role is refused", async (t) => {
  const [header, payload, signature] = partsOf(await tokens.issue(officer));
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  for (const edit of [{ regionCode: '000000' }, { regionCode: '433122' }, { role: 'admin' }]) {
    const forged = `${header}.${b64({ ...claims, ...edit })}.${signature}`;
    t.equal(await tokens.verify(forged), null, `edited ${JSON.stringify(edit)}`);
  }
});

t.test('a token not signed with the secret, or not with HS256, is refused', async (t) => {
  const now = Math.floor(Date.now() / 1000);
  const body = {
    name: officer.name,
    role: 'admin',
    regionCode: '000000',
    sub: 'intruder',
    iss: 'duijie',
    aud: 'duijie-staff',
    iat: now,
    exp: now + 3600,
  };
  t.equal(await tokens.verify(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(body)}.`), null, 'unsigned (alg none)');
  const other = await new StaffTokens('another secret, also thirty-two characters long').issue(officer);
  t.equal(await tokens.verify(other), null, 'signed with another secret');
  const hs512 = await new SignJWT({ name: officer.name, role: 'admin', regionCode: '000000' })
    .setProtectedHeader({ alg: 'HS512' })
    .setSubject('intruder')
    .setIssuer('duijie')
    .setAudience('duijie-staff')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET));
  t.equal(await tokens.verify(hs512), null, 'the right secret under another algorithm');
  for (const junk of ['', 'not a token', 'a.b.c', `${b64({ alg: 'HS256' })}..`]) {
    t.equal(await tokens.verify(junk), null, `malformed: ${JSON.stringify(junk)}`);
  }
});

t.test('an expired token is refused', async (t) => {
  const expired = await tokens.issue(officer, Math.floor(Date.now() / 1000) - 60);
  t.equal(await tokens.verify(expired), null);
});

t.test('bad claims are refused when issuing, as before the key was kept', async (t) => {
  await t.rejects(tokens.issue({ ...officer, regionCode: '43310' }), 'a region code that is not one');
  await t.rejects(tokens.issue({ ...officer, name: '' }), 'no name');
});

// A good token's check is kept (issue 19, session 17): what was refused must stay refused.
t.test('a token checked once is still refused once it expires', async (t) => {
  let now = new Date('2026-12-02T08:00:00Z');
  const clocked = new StaffTokens(SECRET, () => now);
  const token = await clocked.issue(officer, Math.floor(now.getTime() / 1000) + 60);
  t.match(await clocked.verify(token), officer, 'good now');
  t.match(await clocked.verify(token), officer, 'and again (the kept check)');
  now = new Date(now.getTime() + 59_000);
  t.match(await clocked.verify(token), officer, 'a second before it expires');
  now = new Date(now.getTime() + 1_000);
  t.equal(await clocked.verify(token), null, 'refused from the second it expires');
  t.equal(await clocked.verify(token), null, 'and after');
});

t.test('a kept check does not let an edited or re-signed copy through', async (t) => {
  const token = await tokens.issue(officer);
  t.match(await tokens.verify(token), officer);
  const [header, payload, signature] = partsOf(token);
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  t.equal(await tokens.verify(`${header}.${b64({ ...claims, role: 'admin' })}.${signature}`), null, 'edited role');
  t.equal(await tokens.verify(`${header}.${payload}.${signature.slice(0, -2)}AA`), null, 'signature altered');
  t.match(await tokens.verify(token), officer, 'the good one still is');
});

t.test('the kept checks are bounded: thousands of tokens, each still answered right', async (t) => {
  const many = await Promise.all(
    Array.from({ length: 4200 }, (_, i) => tokens.issue({ ...officer, staffId: `desk-${i}` })),
  );
  for (const token of many) await tokens.verify(token);
  const again = await Promise.all(many.map((token) => tokens.verify(token)));
  t.ok(
    again.every((claims, i) => claims?.staffId === `desk-${i}`),
    'every one of 4,200 (more than are kept) answered with its own claims',
  );
});

t.test("claims a caller changes are not the next request's claims", async (t) => {
  const token = await tokens.issue(officer);
  const first = await tokens.verify(token);
  if (!first) throw new Error('a good token was refused');
  first.regionCode = '000000';
  first.role = 'admin';
  t.match(await tokens.verify(token), officer, 'the kept check answers with the claims as signed');
});
