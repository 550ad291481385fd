import { createServiceApp, type Logger, type RateLimit, type ServiceApp, type StaffTokens } from '@duijie/service-kit';
import { type ScreenOptions, webPlugin } from '@duijie/web';
import type { ServiceName } from './areas.ts';
import { errors } from './errors.ts';
import { docsPlugin } from './openapi/docs.ts';
import { proxyPlugin } from './proxy.ts';

export type GatewayDeps = {
  logger: Logger;
  upstreams: Record<ServiceName, string>;
  timeoutMs?: number;
  /** Requests one caller (a staff member, else an address) may make per window across /v1. */
  rateLimit?: RateLimit;
  /**
   * Checks staff tokens (the secret the services share), so the limit counts staff members,
   * not token strings. Without it every caller counts as its address.
   */
  staffTokens?: StaffTokens;
  /** Who is in front of the gateway (a load balancer, an ingress) and may say who the client is; default: no one. */
  trustedProxies?: string;
  /** What the screens offer (OIDC sign-in where intake has it). */
  screens?: ScreenOptions;
};

/** The only public door: routes /v1/<area> to the services, serves the merged docs and the screens. */
export function buildApp(deps: GatewayDeps): ServiceApp {
  const app = createServiceApp({
    name: 'gateway',
    description:
      '对接：公共就业服务的人岗匹配。需求清单（求职者）与供给清单（岗位），按技能、地点和工资评分。' +
      '按 Authorize 填入工作人员令牌（staffToken）或用人单位的 API 密钥（employerApiKey）。\n\n' +
      'Duijie (对接): job matching for public employment services. The demand list (seekers) and the supply list (vacancies), scored on skills, location and wage. ' +
      'Press Authorize to give a staff token (staffToken) or an employer’s API key (employerApiKey).',
    logger: deps.logger,
    errors,
    trustedProxies: deps.trustedProxies ?? '',
  });
  for (const [service, url] of Object.entries(deps.upstreams)) {
    app.addReadinessCheck(service, async () => {
      const res = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2000) });
      if (!res.ok) throw new Error(`${service} answered ${res.status}`);
    });
  }
  app.register(proxyPlugin, {
    upstreams: deps.upstreams,
    timeoutMs: deps.timeoutMs ?? 30_000,
    rateLimit: deps.rateLimit ?? { max: 600, windowMs: 60_000 },
    staffTokens: deps.staffTokens,
  });
  app.register(docsPlugin, { upstreams: deps.upstreams });
  // The screens under `/` (desk, hall, booth, host, overlay, the seeker's phone page).
  app.register(webPlugin, deps.screens ?? {});
  return app;
}
