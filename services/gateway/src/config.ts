import { LogLevel, Port } from '@duijie/service-kit';
import { z } from 'zod';

const Url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

export const GatewayConfig = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: Port.default(8080),
  LOG_LEVEL: LogLevel,
  INTAKE_URL: Url.default('http://127.0.0.1:8081'),
  MATCHING_URL: Url.default('http://127.0.0.1:8082'),
  NOTIFICATION_URL: Url.default('http://127.0.0.1:8083'),
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(30_000),
  RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(600).describe('requests per caller per window'),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
  STAFF_TOKEN_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters')
    .describe('the secret the services sign staff tokens with: the rate limit counts staff members by it'),
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .describe(
      'addresses in front of the gateway (load balancer, ingress) whose X-Forwarded-For it believes; empty: none',
    ),
  OIDC_ISSUER: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .describe('set where intake has OIDC sign-in (the same value): the staff screens offer it'),
});
export type GatewayConfig = z.infer<typeof GatewayConfig>;
