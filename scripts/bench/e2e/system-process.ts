// The system under load runs as `pnpm start` runs it — its own Node process, the four
// services on their ports — so the load generator in this process does not share its event
// loop. Only the environment differs: no demo data, a known secret, no rate limit.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../src/free-port.ts';

const START = fileURLToPath(new URL('../../src/start.ts', import.meta.url));
const SERVICES = ['gateway', 'intake', 'matching', 'notification'] as const;
export type ServiceName = (typeof SERVICES)[number];

export class SystemProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly urls: Record<ServiceName, string>,
    readonly logFile: string,
  ) {}

  static async start(env: Record<string, string>, logFile: string): Promise<SystemProcess> {
    const ports = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await freePort()] as const)));
    // E2E_CPU_PROF=<dir>: a CPU profile of the system, written there when it stops.
    const profile = process.env.E2E_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.E2E_CPU_PROF}`] : [];
    const child = spawn(process.execPath, [...profile, '--import', 'tsx', START], {
      env: {
        ...process.env,
        ...env,
        GATEWAY_PORT: String(ports.gateway),
        INTAKE_PORT: String(ports.intake),
        MATCHING_PORT: String(ports.matching),
        NOTIFICATION_PORT: String(ports.notification),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // A load test that dies must not leave the system running.
    process.once('exit', () => child.kill('SIGKILL'));
    const log = createWriteStream(logFile);
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const urls = Object.fromEntries(SERVICES.map((s) => [s, `http://127.0.0.1:${ports[s]}`])) as Record<
      ServiceName,
      string
    >;
    const system = new SystemProcess(child, urls, logFile);
    for (let i = 0; i < 600; i++) {
      if (child.exitCode !== null) throw new Error(`the system exited (${child.exitCode}): see ${logFile}`);
      const ready = await fetch(`${urls.gateway}/ready`).catch(() => null);
      if (ready?.ok && (await system.ready('intake'))) return system;
      await new Promise((r) => setTimeout(r, 200));
    }
    child.kill('SIGKILL');
    throw new Error(`the system was not ready in 2 minutes: see ${logFile}`);
  }

  async ready(service: ServiceName): Promise<Record<string, unknown> | null> {
    const res = await fetch(`${this.urls[service]}/ready`).catch(() => null);
    return res?.ok ? ((await res.json()) as Record<string, unknown>) : null;
  }

  /** One sample of a service's Prometheus text: the value of each series whose name and labels match. */
  async metric(service: ServiceName, pattern: RegExp): Promise<number[]> {
    const text = await (await fetch(`${this.urls[service]}/metrics`)).text();
    return text
      .split('\n')
      .filter((line) => pattern.test(line))
      .map((line) => Number(line.split(' ').at(-1)));
  }

  /** Peak resident memory of the system's process so far (Linux). */
  peakMemory(): number | null {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
      return kb ? Number(kb) * 1024 : null;
    } catch {
      return null;
    }
  }

  /** SIGTERM, as an operator stops it; the exit code (0: every service closed cleanly). */
  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((r) => this.child.once('exit', (code) => r(code)));
    this.child.kill('SIGTERM');
    return exited;
  }

  /** SIGKILL, as a crash or the OOM killer stops it: nothing is closed. */
  kill(): void {
    this.child.kill('SIGKILL');
  }

  /** Log lines at warn (40) or above. */
  warnings(): string[] {
    return readFileSync(this.logFile, 'utf8')
      .split('\n')
      .filter((line) => {
        const level = /"level":(\d+)/.exec(line)?.[1];
        return level !== undefined && Number(level) >= 40;
      });
  }
}
