import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { OutboundGuard, type Resolved } from '../outbound.ts';
import { EmailChannel } from './email.ts';
import { DeliveryError } from './port.ts';
import { WebhookChannel } from './webhook.ts';

const UNSUBSCRIBE = 'https://jiuye.jishou.gov.cn/v1/subscriptions/unsubscribe/Tok3n_Of-The-Seeker';

const message = (address: string) => ({
  messageId: 'msg_0001',
  seekerId: 'skr_0001',
  address,
  rendered: { subject: '新岗位：电焊工', text: '【就业服务】吉首焊接厂招电焊工' },
  sms: false,
  unsubscribeUrl: UNSUBSCRIBE,
});

/** A receiver on loopback answering the next of `statuses` (then 200) with a body the log must not keep. */
async function receiver(statuses: number[] = []) {
  const received: { req: IncomingMessage; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ req, body });
      res.writeHead(statuses.shift() ?? 200, { 'content-type': 'application/json' }).end('{"internal":"secret"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { port, received, close: () => new Promise((r) => server.close(r)) };
}

t.test('e-mail: nodemailer builds the message with the opt-out headers of RFC 2369 and RFC 8058', async (t) => {
  // The stream transport builds the message as it would go on the wire, and sends nothing.
  const channel = new EmailChannel({
    transport: { streamTransport: true, buffer: true, newline: 'unix' },
    from: '就业服务 <noreply@jishou.gov.cn>',
  });
  // Long header lines are folded (RFC 5322): unfold before reading them.
  const built = (await channel.send(message('zhang@example.cn'))).replace(/\n[ \t]+/g, ' ');
  t.match(built, /^To: zhang@example\.cn$/m);
  t.match(built, /^X-Duijie-Message: msg_0001$/m);
  t.match(
    built,
    /^List-Unsubscribe: <https:\/\/jiuye\.jishou\.gov\.cn\/v1\/subscriptions\/unsubscribe\/Tok3n_Of-The-Seeker>$/m,
  );
  t.match(built, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
});

t.test('webhook: a refusal is not retried, an outage is; the log keeps the status, never the body', async (t) => {
  const server = await receiver([410, 503]);
  t.teardown(server.close);
  const url = `http://127.0.0.1:${server.port}/`;
  const channel = new WebhookChannel({ secret: 'x'.repeat(32), outbound: new OutboundGuard({ allow: '127.0.0.1' }) });
  const gone = await channel.send(message(url)).catch((e) => e);
  t.ok(gone instanceof DeliveryError && !gone.retryable, '410: not again');
  t.equal(gone.message, 'webhook answered 410');
  t.notOk(gone.response, 'nothing of what it said');
  const down = await channel.send(message(url)).catch((e) => e);
  t.ok(down instanceof DeliveryError && down.retryable, '503: again later');
  t.equal(await channel.send(message(url)), '200', 'delivered: the status only');
  const nowhere = await channel.send(message('http://127.0.0.1:1/')).catch((e) => e);
  t.ok(nowhere instanceof DeliveryError && nowhere.retryable, 'unreachable: again later');
  t.equal(nowhere.message, 'webhook unreachable (ECONNREFUSED)');
  const payload = JSON.parse(server.received[2]?.body ?? '{}');
  t.same(payload, {
    id: 'msg_0001',
    subject: '新岗位：电焊工',
    text: '【就业服务】吉首焊接厂招电焊工',
    unsubscribeUrl: UNSUBSCRIBE,
  });
});

t.test('webhook: internal addresses are refused before anything is sent', async (t) => {
  const server = await receiver();
  t.teardown(server.close);
  const channel = new WebhookChannel({ secret: 'x'.repeat(32) });
  for (const host of ['127.0.0.1', '[::ffff:127.0.0.1]', 'localhost']) {
    const refused = await channel.send(message(`http://${host}:${server.port}/v1/employers`)).catch((e) => e);
    t.ok(refused instanceof DeliveryError && !refused.retryable, `${host}: refused for good`);
    t.match(refused.message, /^webhook refused: .* a loopback address: only public addresses are reached$/);
  }
  t.equal(server.received.length, 0, 'the receiver on loopback heard nothing');
});

t.test('webhook: a name that turns internal after it was checked is refused at send time', async (t) => {
  const server = await receiver();
  t.teardown(server.close);
  // A partner's name that resolved to a public address when it was subscribed, and now to loopback.
  let answer: Resolved[] = [{ address: '93.184.216.34', family: 4 }];
  const outbound = new OutboundGuard({ resolve: async () => answer });
  t.teardown(() => outbound.close());
  const url = `http://hooks.partner.example:${server.port}/duijie`;
  t.same(await outbound.check(url), answer, 'accepted when subscribed');
  answer = [{ address: '127.0.0.1', family: 4 }];
  const channel = new WebhookChannel({ secret: 'x'.repeat(32), outbound });
  const refused = await channel.send(message(url)).catch((e) => e);
  t.ok(refused instanceof DeliveryError && !refused.retryable);
  t.equal(
    refused.message,
    'webhook refused: hooks.partner.example resolves to a loopback address: only public addresses are reached',
  );
  t.equal(server.received.length, 0, 'no connection was made');
  // Allowed by the operator, the same name reaches the same receiver: the refusal was the guard's.
  const allowed = new OutboundGuard({ allow: '127.0.0.0/8', resolve: async () => answer });
  t.teardown(() => allowed.close());
  t.equal(await new WebhookChannel({ secret: 'x'.repeat(32), outbound: allowed }).send(message(url)), '200');
  t.equal(
    server.received[0]?.req.headers.host,
    `hooks.partner.example:${server.port}`,
    'sent to the name, at the checked address',
  );
});
