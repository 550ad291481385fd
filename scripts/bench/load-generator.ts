// The load generator as a process of its own, so that a benchmark can pin it to a core the
// services do not use (see pinnedLoad in bench-data.ts). Reads its load from argv as JSON,
// cycles through the paths given, and prints autocannon's latency figures as one JSON line.
import autocannon from 'autocannon';

export type Load = {
  url: string;
  paths: string[];
  headers: Record<string, string>;
  connections: number;
  seconds: number;
};

const load = JSON.parse(process.argv[2] ?? '{}') as Load;
let next = 0;
const result = await autocannon({
  url: load.url,
  connections: load.connections,
  duration: load.seconds,
  headers: load.headers,
  requests: [{ setupRequest: (request) => ({ ...request, path: load.paths[next++ % load.paths.length] ?? '/' }) }],
});
console.log(
  JSON.stringify({
    p50: result.latency.p50,
    p99: result.latency.p99,
    average: result.requests.average,
    non2xx: result.non2xx,
  }),
);
