import { loadConfigOrExit, runService, StaffTokens } from '@duijie/service-kit';
import { buildApp } from './app.ts';
import { GatewayConfig } from './config.ts';

const config = loadConfigOrExit(GatewayConfig);
await runService({
  name: 'gateway',
  config,
  async start(logger) {
    const upstreams = {
      intake: config.INTAKE_URL,
      matching: config.MATCHING_URL,
      notification: config.NOTIFICATION_URL,
    };
    const rateLimit = { max: config.RATE_LIMIT_MAX, windowMs: config.RATE_LIMIT_WINDOW_MS };
    const app = buildApp({
      logger,
      upstreams,
      timeoutMs: config.UPSTREAM_TIMEOUT_MS,
      rateLimit,
      staffTokens: new StaffTokens(config.STAFF_TOKEN_SECRET),
      trustedProxies: config.TRUSTED_PROXIES,
      screens: { oidcSignIn: config.OIDC_ISSUER !== undefined },
    });
    return { app };
  },
});
