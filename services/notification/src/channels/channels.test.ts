import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { EmailChannel } from './email.ts';
import { DeliveryError } from './port.ts';
import { WebhookChannel } from './webhook.ts';

const message = (address: string) => ({
  messageId: 'msg_0001',
  seekerId: 'skr_0001',
  address,
  rendered: { subject: '新岗位：电焊工', text: '【就业服务】吉首焊接厂招电焊工' },
  sms: false,
});

t.test('e-mail: nodemailer builds the message (its JSON transport sends nothing)', async (t) => {
  const channel = new EmailChannel({ transport: { jsonTransport: true }, from: '就业服务 <noreply@jishou.gov.cn>' });
  const response = await channel.send(message('zhang@example.cn'));
  const built = JSON.parse(response);
  t.match(built, {
    from: { address: 'noreply@jishou.gov.cn' },
    to: [{ address: 'zhang@example.cn' }],
    subject: '新岗位：电焊工',
    text: '【就业服务】吉首焊接厂招电焊工',
    headers: { 'X-Duijie-Message': 'msg_0001' },
  });
});

t.test('webhook: a refusal is not retried, an outage is', async (t) => {
  const statuses = [410, 503];
  const server = createServer((_req, res) => res.writeHead(statuses.shift() ?? 200).end());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.teardown(() => server.close());
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const channel = new WebhookChannel({ secret: 'x'.repeat(32) });
  const gone = await channel.send(message(url)).catch((e) => e);
  t.ok(gone instanceof DeliveryError && !gone.retryable, '410: not again');
  const down = await channel.send(message(url)).catch((e) => e);
  t.ok(down instanceof DeliveryError && down.retryable, '503: again later');
  t.match(await channel.send(message(url)), /^200/);
  const nowhere = await channel.send(message('http://127.0.0.1:1/')).catch((e) => e);
  t.ok(nowhere instanceof DeliveryError && nowhere.retryable, 'unreachable: again later');
});
