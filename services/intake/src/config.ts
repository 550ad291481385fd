import { BaseConfig, Port } from '@duijie/service-kit';
import { z } from 'zod';
import type { OidcOptions } from './staff/oidc.ts';

// Compose passes `${OIDC_ISSUER:-}`: an empty variable is an unset one.
const unsetIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema);

/** OIDC sign-in for staff through a province's identity platform; off while OIDC_ISSUER is unset. */
export const OidcSettings = z.object({
  OIDC_ISSUER: unsetIfEmpty(
    z.url().optional().describe('the identity platform’s issuer URL (its discovery document is read from it)'),
  ),
  OIDC_CLIENT_ID: unsetIfEmpty(z.string().min(1).optional()),
  OIDC_CLIENT_SECRET: unsetIfEmpty(z.string().min(1).optional()),
  OIDC_REDIRECT_URI: unsetIfEmpty(
    z.url().optional().describe('the public callback through the gateway: https://…/v1/staff/oidc/callback'),
  ),
  OIDC_SCOPES: z.string().default('openid profile'),
  OIDC_ALLOW_INSECURE_HTTP: z
    .enum(['0', '1', 'false', 'true'])
    .default('0')
    .describe('only for a provider on loopback in development: lets the issuer be http://'),
});

/** An issuer without its client and callback is a mistake to stop for at start-up, not a silent "off". */
export const oidcComplete = (settings: z.infer<typeof OidcSettings>, ctx: z.RefinementCtx) => {
  if (!settings.OIDC_ISSUER) return;
  for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'] as const) {
    if (!settings[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'required when OIDC_ISSUER is set' });
  }
};

export const IntakeConfig = BaseConfig.extend({ PORT: Port.default(8081), ...OidcSettings.shape }).superRefine(
  oidcComplete,
);

/** The OIDC options the settings give, or undefined when OIDC is off (checked by `oidcComplete` first). */
export function oidcFrom(settings: z.infer<typeof OidcSettings>): OidcOptions | undefined {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = settings;
  if (!issuer) return undefined;
  if (!clientId || !clientSecret || !settings.OIDC_REDIRECT_URI) {
    throw new Error('OIDC_ISSUER is set: OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URI are needed too');
  }
  return {
    issuer,
    clientId,
    clientSecret,
    redirectUri: settings.OIDC_REDIRECT_URI,
    scopes: settings.OIDC_SCOPES,
    allowInsecureHttp: settings.OIDC_ALLOW_INSECURE_HTTP === '1' || settings.OIDC_ALLOW_INSECURE_HTTP === 'true',
  };
}
