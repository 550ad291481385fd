import { type AddressInfo, createServer } from 'node:net';

/**
 * A loopback port free now, for a server that must be known before it starts (a callback URL,
 * a gateway to poll while its start is still running). Another process may take it meanwhile:
 * for tests and benchmarks on one machine, not for services.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
