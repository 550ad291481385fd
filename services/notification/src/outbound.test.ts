import t from 'tap';
import { OutboundGuard, OutboundRefused, parseAllowList } from './outbound.ts';

t.test('only public addresses: every range that leads inside is refused, by name', async (t) => {
  const guard = new OutboundGuard();
  const refused: Record<string, string> = {
    '127.0.0.1': 'loopback',
    '10.0.0.5': 'private',
    '172.16.8.1': 'private',
    '192.168.1.10': 'private',
    '169.254.169.254': 'linkLocal', // AWS, Azure, GCP and Tencent Cloud metadata
    '100.100.100.200': 'carrierGradeNat', // Alibaba Cloud metadata
    '100.64.0.1': 'carrierGradeNat',
    '0.0.0.0': 'unspecified',
    '224.0.0.1': 'multicast',
    '255.255.255.255': 'broadcast',
    '198.18.0.1': 'reserved',
    '::1': 'loopback',
    '::': 'unspecified',
    'fd00:ec2::254': 'uniqueLocal', // AWS metadata over IPv6
    'fc00::1': 'uniqueLocal',
    'fe80::1': 'linkLocal',
    'ff02::1': 'multicast',
    '::ffff:127.0.0.1': 'loopback', // IPv4-mapped: judged as the IPv4 address
    '::ffff:a00:5': 'private',
    '::7f00:1': 'ipv4Compatible',
    '64:ff9b::7f00:1': 'rfc6052', // NAT64 of 127.0.0.1
    '2002:7f00:1::': '6to4',
  };
  for (const [address, range] of Object.entries(refused)) t.equal(guard.refusalOf(address), range, address);
  for (const address of ['93.184.216.34', '114.114.114.114', '2606:4700::1111', '2400:3200::1']) {
    t.equal(guard.refusalOf(address), null, `${address} is public`);
  }
});

t.test('the operator’s allow-list opens what it names, addresses or ranges, and nothing else', async (t) => {
  const guard = new OutboundGuard({ allow: '127.0.0.1, ::1,10.20.0.0/16' });
  t.equal(guard.refusalOf('127.0.0.1'), null);
  t.equal(guard.refusalOf('::ffff:127.0.0.1'), null, 'the same address, mapped');
  t.equal(guard.refusalOf('::1'), null);
  t.equal(guard.refusalOf('10.20.3.4'), null);
  t.equal(guard.refusalOf('127.0.0.2'), 'loopback');
  t.equal(guard.refusalOf('10.21.0.1'), 'private');
  t.equal(guard.refusalOf('169.254.169.254'), 'linkLocal');
  t.throws(() => parseAllowList('127.0.0.1,intranet'), /"intranet" is neither an IP address nor a CIDR range/);
  t.same(parseAllowList(''), []);
});

t.test('a URL is checked on every address its host resolves to', async (t) => {
  const resolving = (...addresses: string[]) =>
    new OutboundGuard({
      resolve: async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    });
  await t.resolves(resolving('93.184.216.34').check('https://hooks.partner.example/x'));
  await t.rejects(
    resolving('93.184.216.34', '10.0.0.7').check('https://hooks.partner.example/x'),
    new OutboundRefused('hooks.partner.example resolves to a private address: only public addresses are reached'),
    'one internal address among public ones is enough',
  );
  await t.rejects(resolving().check('https://nowhere.example/'), { retryable: true, message: /has no address/ });
  await t.rejects(new OutboundGuard().check('http://[::1]:9181/'), {
    message: '::1 is a loopback address: only public addresses are reached',
  });
  await t.rejects(new OutboundGuard().check('http://localhost:9181/'), {
    message: 'localhost resolves to a loopback address: only public addresses are reached',
  });
  // The URL parser reads other spellings of an IPv4 address as that address.
  await t.rejects(new OutboundGuard().check('http://2130706433/'), { message: /^127\.0\.0\.1 is a loopback address/ });
  await t.rejects(new OutboundGuard().check('http://0x7f.1/'), { message: /^127\.0\.0\.1 is a loopback address/ });
  const slow = new OutboundGuard({ resolve: () => new Promise(() => {}), timeoutMs: 20 });
  await t.rejects(slow.check('http://slow.example/'), {
    retryable: true,
    message: 'slow.example did not resolve in time',
  });
});
