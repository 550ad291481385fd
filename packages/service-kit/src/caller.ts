import { createHmac } from 'node:crypto';
import { NATIONWIDE, type StaffClaims, StaffClaims as StaffClaimsSchema, type StaffRole } from '@duijie/contracts';
import { inRegion } from '@duijie/regions';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { errors, jwtVerify, SignJWT } from 'jose';
import { HttpProblem } from './problem.ts';

/** Who is asking: nobody in particular, an employer's system (API key), or bureau staff. */
export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'employer'; keyId: string; employerId: string }
  | ({ kind: 'staff' } & StaffClaims);

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller;
  }
}

const ISSUER = 'duijie';
const AUDIENCE = 'duijie-staff';

/**
 * Staff tokens are JWTs signed with HS256 and a secret every service shares: any service can
 * check one without a database, and a token names the role and the region its bearer serves.
 */
export class StaffTokens {
  readonly #key: Uint8Array;

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('the staff token secret must be at least 32 characters');
    this.#key = new TextEncoder().encode(secret);
  }

  /** A key for another purpose (signing fair QR codes …), derived so that one secret serves. */
  derive(purpose: string): Buffer {
    return createHmac('sha256', this.#key).update(`duijie:${purpose}`).digest();
  }

  issue(claims: StaffClaims, expiresIn: string | number = '12h'): Promise<string> {
    const { staffId, ...rest } = StaffClaimsSchema.parse(claims);
    return new SignJWT(rest)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(staffId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(this.#key);
  }

  /** The claims of a good token; null for a forged, expired or malformed one. */
  async verify(token: string): Promise<StaffClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.#key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
      const claims = StaffClaimsSchema.safeParse({ ...payload, staffId: payload.sub });
      return claims.success ? claims.data : null;
    } catch (err) {
      if (err instanceof errors.JOSEError) return null;
      throw err;
    }
  }
}

/** Employer API keys start with `dj_`; the service that holds the keys checks them. */
export type ApiKeyVerifier = (key: string) => Promise<{ keyId: string; employerId: string } | null>;

export const unauthorized = (code: string, detail: string) => new HttpProblem(401, code, detail);

/**
 * Reads `Authorization: Bearer …` into `request.caller`. No header: anonymous. A credential
 * that is sent and not good is refused at once, whatever the route.
 */
export const authentication = fp(
  async (app: FastifyInstance, opts: { staffTokens: StaffTokens; verifyApiKey?: ApiKeyVerifier }) => {
    // Set per request in the hook below: a shared object here would leak between requests.
    app.decorateRequest<Caller>('caller', null as unknown as Caller);
    app.addHook('onRequest', async (request) => {
      request.caller = await identify(request, opts);
    });
  },
  { name: 'duijie-authentication' },
);

async function identify(
  request: FastifyRequest,
  opts: { staffTokens: StaffTokens; verifyApiKey?: ApiKeyVerifier },
): Promise<Caller> {
  const header = request.headers.authorization;
  if (!header) return { kind: 'anonymous' };
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!token) throw unauthorized('invalid-credentials', 'Authorization must be "Bearer <key or token>"');
  if (token.startsWith('dj_')) {
    const owner = opts.verifyApiKey ? await opts.verifyApiKey(token) : null;
    if (!owner) throw unauthorized('invalid-api-key', 'The API key is unknown or revoked');
    return { kind: 'employer', ...owner };
  }
  const claims = await opts.staffTokens.verify(token);
  if (!claims) throw unauthorized('invalid-staff-token', 'The staff token is forged, expired or malformed');
  return { kind: 'staff', ...claims };
}

/** Whether a staff member's region covers a record's region. */
export const covers = (staff: StaffClaims, regionCode: string) =>
  staff.regionCode === NATIONWIDE || inRegion(regionCode, staff.regionCode);

export const outOfScope = (regionCode: string, scope: string) =>
  new HttpProblem(403, 'out-of-scope', `Region ${regionCode} is outside your region ${scope}`);

/** The staff caller, or 401/403: for routes only bureau staff may use. */
export function requireStaff(caller: Caller, role?: StaffRole): Extract<Caller, { kind: 'staff' }> {
  if (caller.kind !== 'staff') {
    throw unauthorized('staff-token-required', 'This needs a staff token (Authorization: Bearer <token>)');
  }
  if (role === 'admin' && caller.role !== 'admin') {
    throw new HttpProblem(403, 'admin-role-required', 'This needs a staff token with the admin role');
  }
  return caller;
}

/** Who did it, as the audit log and event metadata name them (never personal data). */
export function actorOf(caller: Caller): string {
  if (caller.kind === 'staff') return `staff:${caller.staffId}`;
  if (caller.kind === 'employer') return `api-key:${caller.keyId}`;
  return 'anonymous';
}
