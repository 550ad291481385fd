// A partner's system on the webhook channel: checks each signature and counts each message id,
// so the audit can hold the messages the system says it sent against those that arrived.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webhookSignature } from '@duijie/notification/channels';

export async function webhookReceiver(secret: string) {
  const received = new Map<string, number>();
  let badSignatures = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(req.headers['x-duijie-timestamp'] ?? '');
      if (req.headers['x-duijie-signature'] !== webhookSignature(secret, timestamp, body)) {
        badSignatures++;
        res.writeHead(401).end();
        return;
      }
      const { id } = JSON.parse(body) as { id: string };
      received.set(id, (received.get(id) ?? 0) + 1);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/duijie`,
    received,
    get badSignatures() {
      return badSignatures;
    },
    close: () => new Promise((r) => server.close(r)),
  };
}
