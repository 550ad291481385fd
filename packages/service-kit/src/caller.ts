import { createHmac, webcrypto } from 'node:crypto';
import { NATIONWIDE, type StaffClaims, StaffClaims as StaffClaimsSchema, type StaffRole } from '@duijie/contracts';
import { inRegion } from '@duijie/regions';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { HttpProblem } from './catalogue.ts';
import { COUNTED, commonErrors } from './common-errors.ts';
import { type RateLimit, RateWindows, rateLimited } from './rate-window.ts';

/** Who is asking: nobody in particular, an employer's system (API key), or bureau staff. */
export type Caller =
  | { kind: 'anonymous' }
  | {
      kind: 'employer';
      keyId: string;
      employerId: string;
      /** A booth's key (from a booth code): it acts at this fair's booth only (see `booth`). */
      fairId?: string | undefined;
    }
  | ({ kind: 'staff' } & StaffClaims);

/**
 * Who may call a route, from its `config.access`, checked before the body is read: `public`
 * (anyone; the handler may still refuse some callers), `staff` (a staff token; roles and
 * regions are the handler's), `staff-or-employer` (a staff token or an employer's API key).
 * A route that says nothing is `staff`: forgetting the line closes a route instead of opening it.
 */
export type Access = 'public' | 'staff' | 'staff-or-employer';

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller;
  }
  interface FastifyContextConfig {
    access?: Access;
    /**
     * A fair desk's token (role `fair-desk`) may use this route. Such a token serves the
     * check-in desk only: the /v1 routes that say `desk: true`, nothing else (public ones
     * included) — a volunteer's tablet at the door cannot list or change the region's seekers.
     */
    desk?: boolean;
    /**
     * A booth's key (an employer key from a booth code, naming one fair) may use this route.
     * Such a key serves the booth's page only: the /v1 routes that say `booth: true`, at its
     * own fair (the route checks the fair), nothing else — a volunteer at the booth cannot post
     * vacancies or read other fairs.
     */
    booth?: boolean;
  }
}

const ISSUER = 'duijie';
const AUDIENCE = 'duijie-staff';

/** Tokens whose signature was checked, kept (the oldest dropped first) so a busy desk's is checked once. */
const VERIFIED_KEPT = 4096;

type Verified = { claims: StaffClaims; generation: number | undefined; exp: number };

/**
 * Staff tokens are JWTs signed with HS256 and a secret every service shares: any service can
 * check one without a database, and a token names the role and the region its bearer serves.
 */
export class StaffTokens {
  readonly #key: Uint8Array;
  /** Imported once: given the raw secret, jose imports it again on every token it checks. */
  #hmac: Promise<webcrypto.CryptoKey> | undefined;
  /**
   * Good tokens by their whole text, until they expire: checking the signature was ≈ 0.3 ms of
   * every request (a job on libuv's pool, twice through the gateway; profiled at a million
   * vacancies, session 17). Only a token that passed is kept, under its exact text, so an
   * edited or re-signed one is checked in full; an account disabled since is still refused by
   * `staffStanding`, which is not kept.
   */
  readonly #verified = new Map<string, Verified>();

  constructor(
    secret: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    if (secret.length < 32) throw new Error('the staff token secret must be at least 32 characters');
    this.#key = new TextEncoder().encode(secret);
  }

  /** A key for another purpose (signing fair QR codes …), derived so that one secret serves. */
  derive(purpose: string): Buffer {
    return createHmac('sha256', this.#key).update(`duijie:${purpose}`).digest();
  }

  /**
   * A token; `generation` is the account's token generation (see `staffStanding`), for tokens
   * of a staff account (sign-in), none for the `staff-token` command's.
   */
  async issue(claims: StaffClaims, expiresIn: string | number = '12h', generation?: number): Promise<string> {
    const { staffId, ...rest } = StaffClaimsSchema.parse(claims);
    return new SignJWT({ ...rest, ...(generation === undefined ? {} : { gen: generation }) })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(staffId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(await this.#cryptoKey());
  }

  #cryptoKey(): Promise<webcrypto.CryptoKey> {
    this.#hmac ??= webcrypto.subtle.importKey('raw', this.#key, { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    return this.#hmac;
  }

  /** The claims of a good token; null for a forged, expired or malformed one. */
  async verify(token: string): Promise<StaffClaims | null> {
    return (await this.verifyIssued(token))?.claims ?? null;
  }

  /** As `verify`, with the account's token generation the token was issued in, if any. */
  async verifyIssued(token: string): Promise<{ claims: StaffClaims; generation: number | undefined } | null> {
    const now = this.clock();
    // As jose counts it: good while `exp` is after the current whole second.
    const unexpired = (v: Verified) => v.exp > Math.floor(now.getTime() / 1000);
    const kept = this.#verified.get(token);
    if (kept) {
      // A copy: the kept claims must not be changed through one request for the next.
      if (unexpired(kept)) return { claims: { ...kept.claims }, generation: kept.generation };
      this.#verified.delete(token);
      return null;
    }
    try {
      const { payload } = await jwtVerify(token, await this.#cryptoKey(), {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: now,
      });
      const claims = StaffClaimsSchema.safeParse({ ...payload, staffId: payload.sub });
      if (!claims.success) return null;
      const verified = {
        claims: claims.data,
        generation: typeof payload.gen === 'number' ? payload.gen : undefined,
        exp: payload.exp ?? 0,
      };
      if (unexpired(verified)) {
        if (this.#verified.size >= VERIFIED_KEPT) this.#verified.delete(this.#verified.keys().next().value as string);
        this.#verified.set(token, verified);
      }
      return { claims: { ...verified.claims }, generation: verified.generation };
    } catch (err) {
      if (err instanceof errors.JOSEError) return null;
      throw err;
    }
  }
}

/**
 * Whether a good token's bearer may still act: false when their account is disabled or the
 * token is of an earlier generation than the account's (see service-kit `staffStanding`).
 */
export type StaffStanding = (staffId: string, generation: number | undefined) => Promise<boolean>;

/** Employer API keys start with `dj_`; the service that holds the keys checks them. */
export type ApiKeyVerifier = (
  key: string,
) => Promise<{ keyId: string; employerId: string; fairId?: string | undefined } | null>;

/**
 * The credential of `Authorization: Bearer <credential>`, whatever the case of the scheme and
 * the spaces around it: one token is one caller however it is spelled. Undefined without a
 * header, null for a header that is not a bearer credential.
 */
export function bearerCredential(header: string | undefined): string | null | undefined {
  if (!header?.trim()) return undefined;
  return /^\s*bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? null;
}

export type AuthenticationOptions = {
  staffTokens: StaffTokens;
  verifyApiKey?: ApiKeyVerifier;
  /**
   * Requests one verified API key may make per window in this service (default 600 a minute),
   * and API-key look-ups that may fail per client address (default 30 a minute): after that,
   * 429 without asking the database, so guessed keys cost nothing.
   */
  limits?: { perKey?: RateLimit; failedKeysPerAddress?: RateLimit };
  /** Checks a good staff token's account on every request (disabled: refused at once). */
  staffStanding?: StaffStanding;
};

/**
 * Reads `Authorization: Bearer …` into `request.caller`, then checks the route's `access`
 * (see Access): all in `onRequest`, so a caller who may not use a route is refused before its
 * body is read or validated. No header: anonymous. A credential that is sent and not good is
 * refused at once, whatever the route.
 */
export const authentication = fp(
  async (app: FastifyInstance, opts: AuthenticationOptions) => {
    const limits = {
      perKey: new RateWindows(opts.limits?.perKey ?? { max: 600, windowMs: 60_000 }),
      failedKeys: new RateWindows(opts.limits?.failedKeysPerAddress ?? { max: 30, windowMs: 60_000 }),
    };
    // Set per request in the hook below: a shared object here would leak between requests.
    app.decorateRequest<Caller>('caller', null as unknown as Caller);
    app.addHook('onRequest', async (request, reply) => {
      try {
        request.caller = await identify(request, opts, limits);
      } catch (err) {
        const wait = (err as HttpProblem).extra?.retryAfterSeconds;
        if (typeof wait === 'number') reply.header('retry-after', wait);
        throw err;
      }
      admit(request);
    });
  },
  { name: 'duijie-authentication' },
);

/** 401 unless the caller is one the route's `access` lets in. */
function admit(request: FastifyRequest) {
  // An unknown path is public: its 404 says nothing a 401 would hide.
  const config = request.routeOptions.config;
  const access = config?.access ?? (request.is404 ? 'public' : 'staff');
  // A booth's key (from a booth code) is good on the booth page's routes only, refused alike
  // on all others (staff routes too, where an employer's own key would be 401): a volunteer at
  // the booth cannot post vacancies or read other fairs.
  const booth = request.caller.kind === 'employer' && request.caller.fairId !== undefined;
  if (booth && !config?.booth && !request.is404 && request.url.startsWith('/v1/')) {
    throw commonErrors.boothNotAllowed();
  }
  if (access === 'staff') requireStaff(request.caller);
  else if (access === 'staff-or-employer' && request.caller.kind === 'anonymous') {
    throw commonErrors.credentialsRequired();
  }
  // A fair desk's token is good on the desk's routes only, public ones included: a volunteer's
  // tablet at the door carries none of an officer's reach, and a token sent where it means
  // nothing is a mistake worth saying.
  const desk = request.caller.kind === 'staff' && request.caller.role === 'fair-desk';
  if (desk && !config?.desk && !request.is404 && request.url.startsWith('/v1/')) {
    throw commonErrors.fairDeskNotAllowed();
  }
}

async function identify(
  request: FastifyRequest,
  opts: AuthenticationOptions,
  limits: { perKey: RateWindows; failedKeys: RateWindows },
): Promise<Caller> {
  const token = bearerCredential(request.headers.authorization);
  if (token === undefined) return { kind: 'anonymous' };
  if (!token) throw commonErrors.invalidCredentials();
  if (token.startsWith('dj_')) {
    const address = request.ip;
    const blocked = limits.failedKeys.retryAfter(address);
    if (blocked) throw rateLimited(limits.failedKeys.limit, blocked, COUNTED.unknownApiKeys);
    const owner = opts.verifyApiKey ? await opts.verifyApiKey(token) : null;
    if (!owner) {
      limits.failedKeys.hit(address);
      throw commonErrors.invalidApiKey();
    }
    const wait = limits.perKey.hit(owner.keyId);
    if (wait) throw rateLimited(limits.perKey.limit, wait);
    return { kind: 'employer', ...owner };
  }
  const verified = await opts.staffTokens.verifyIssued(token);
  if (!verified) throw commonErrors.invalidStaffToken();
  if (opts.staffStanding && !(await opts.staffStanding(verified.claims.staffId, verified.generation))) {
    throw commonErrors.staffTokenWithdrawn();
  }
  return { kind: 'staff', ...verified.claims };
}

/** Whether a staff member's region covers a record's region. */
export const covers = (staff: StaffClaims, regionCode: string) =>
  staff.regionCode === NATIONWIDE || inRegion(regionCode, staff.regionCode);

export const outOfScope = commonErrors.outOfScope;

/** The staff caller, or 401/403: for routes only bureau staff may use. */
export function requireStaff(caller: Caller, role?: StaffRole): Extract<Caller, { kind: 'staff' }> {
  if (caller.kind !== 'staff') {
    throw commonErrors.staffTokenRequired();
  }
  if (role === 'admin' && caller.role !== 'admin') {
    throw commonErrors.adminRoleRequired();
  }
  return caller;
}

/** Who did it, as the audit log and event metadata name them (never personal data). */
export function actorOf(caller: Caller): string {
  if (caller.kind === 'staff') return `staff:${caller.staffId}`;
  if (caller.kind === 'employer') return `api-key:${caller.keyId}`;
  return 'anonymous';
}
