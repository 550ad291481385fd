// The load generator's two parts: a client that times every request by route, and a pacer
// that starts work at a fixed rate whatever the answers take (open loop), so a slow system
// shows as latency instead of as fewer requests.
import { percentile } from '../bench-data.ts';

export type Answer = { status: number; body: unknown; ms: number };

type RouteFigures = { latencies: number[]; statuses: Map<number, number>; errors: number; samples: string[] };

/** Requests through the gateway, each timed under its route pattern; unexpected answers are errors. */
export class LoadClient {
  readonly routes = new Map<string, RouteFigures>();
  constructor(private readonly baseUrl: string) {}

  /**
   * `route` names the pattern (`POST /v1/fairs/:id/checkins`); `expect` lists the statuses that
   * are a correct answer to this request (a full vacancy refusing a placement is one).
   */
  async request(
    route: string,
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: unknown; expect?: readonly number[] } = {},
  ): Promise<Answer> {
    const figures = this.#figures(route);
    const started = performance.now();
    let status = 0;
    let body: unknown = null;
    try {
      const res = await fetch(`${this.baseUrl}${path}`, {
        method: init.method ?? 'GET',
        headers: { ...init.headers, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      status = res.status;
      const text = await res.text();
      body = (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text;
    } catch (err) {
      body = (err as Error).message;
    }
    const ms = performance.now() - started;
    figures.latencies.push(ms);
    figures.statuses.set(status, (figures.statuses.get(status) ?? 0) + 1);
    const expected = init.expect ?? [200, 201];
    if (!expected.includes(status)) {
      figures.errors++;
      if (figures.samples.length < 3) figures.samples.push(`${status} ${JSON.stringify(body).slice(0, 300)}`);
    }
    return { status, body, ms };
  }

  #figures(route: string): RouteFigures {
    let figures = this.routes.get(route);
    if (!figures) {
      figures = { latencies: [], statuses: new Map(), errors: 0, samples: [] };
      this.routes.set(route, figures);
    }
    return figures;
  }

  /** A step of the workload that failed outside a request (an answer of the wrong shape): an error too. */
  fault(err: unknown) {
    const figures = this.#figures('(workload)');
    figures.errors++;
    if (figures.samples.length < 3) figures.samples.push(String((err as Error)?.stack ?? err).slice(0, 300));
  }

  get totals() {
    let requests = 0;
    let errors = 0;
    for (const f of this.routes.values()) {
      requests += f.latencies.length;
      errors += f.errors;
    }
    return { requests, errors };
  }

  /** p50 of a route, or null when it was not requested. */
  p50(route: string): number | null {
    const f = this.routes.get(route);
    return f && f.latencies.length > 0
      ? percentile(
          [...f.latencies].sort((a, b) => a - b),
          50,
        )
      : null;
  }

  /**
   * One row per route, busiest first: count, rate, p50/p99/max, the p50 of the same request
   * on the idle system and the ratio, statuses, errors.
   */
  table(seconds: number, idle: LoadClient): string[] {
    const cell = (value: string, width: number) => value.padStart(width);
    const rows = [...this.routes.entries()]
      .map(([route, f]) => {
        const sorted = [...f.latencies].sort((a, b) => a - b);
        const statuses = [...f.statuses.entries()]
          .sort(([a], [b]) => a - b)
          .map(([s, n]) => `${s}×${n}`)
          .join(' ');
        const p50 = percentile(sorted, 50);
        const base = idle.p50(route);
        return {
          count: sorted.length,
          line: [
            route.padEnd(44),
            cell(String(sorted.length), 7),
            cell((sorted.length / seconds).toFixed(2), 7),
            cell(p50.toFixed(0), 6),
            cell(percentile(sorted, 99).toFixed(0), 6),
            cell((sorted.at(-1) ?? 0).toFixed(0), 6),
            cell(base === null ? '-' : base.toFixed(0), 6),
            cell(base ? `×${(p50 / base).toFixed(1)}` : '-', 6),
            cell(String(f.errors), 7),
            `  ${statuses}`,
          ].join(''),
          samples: f.samples,
        };
      })
      .sort((a, b) => b.count - a.count);
    return [
      `${'route'.padEnd(44)}${cell('count', 7)}${cell('req/s', 7)}${cell('p50', 6)}${cell('p99', 6)}${cell('max', 6)}${cell('idle', 6)}${cell('', 6)}${cell('errors', 7)}  statuses`,
      ...rows.flatMap((r) => [r.line, ...r.samples.map((s) => `    error: ${s}`)]),
      'latencies in ms through the gateway; idle: p50 of the same request alone on the idle system (the baseline), × the loaded p50 over it',
    ];
  }
}

/**
 * Starts `work` `perSecond` times a second until `until`, at most `inFlight` at once: when
 * that many are still running the next waits, and `late` counts starts more than a second
 * behind their schedule (the system could not keep up with the rate asked).
 */
export async function atRate(
  perSecond: number,
  until: number,
  work: (i: number) => Promise<unknown>,
  onError: (err: unknown) => void,
  inFlight = 16,
): Promise<{ started: number; late: number }> {
  if (perSecond <= 0) return { started: 0, late: 0 };
  const running = new Set<Promise<unknown>>();
  const begun = performance.now();
  let late = 0;
  let i = 0;
  for (; ; i++) {
    const due = begun + (i * 1000) / perSecond;
    if (due >= until) break;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    while (running.size >= inFlight) await Promise.race(running);
    if (performance.now() - due > 1000) late++;
    const p = work(i)
      .catch(onError)
      .finally(() => running.delete(p));
    running.add(p);
  }
  await Promise.all(running);
  return { started: i, late };
}
