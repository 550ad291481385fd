import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  type Database,
  newId,
  type OidcClaimRuleRow,
  oidcClaimRules,
  oidcPendingSignIns,
  type StaffAccountRow,
  staffAccounts,
  staffOidcIdentities,
} from '@duijie/db';
import { and, asc, eq, lt } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { errors } from '../errors.ts';
import { recordAudit } from './audit.ts';
import { hashPassword } from './passwords.ts';
import type { StaffSignIn } from './sign-in.ts';

export type OidcOptions = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The public callback, through the gateway: registered at the provider exactly so. */
  redirectUri: string;
  /** Space-separated; `openid` is always asked for. */
  scopes: string;
  /** Lets the issuer be plain http (a provider on loopback in tests and development only). */
  allowInsecureHttp: boolean;
};

/** How long a started sign-in waits for the provider's callback. */
const PENDING_MS = 10 * 60_000;
/** The httpOnly cookie binding a started sign-in to the browser that started it. */
export const BROWSER_COOKIE = 'duijie_oidc';

type Claims = Record<string, unknown>;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Whether a claim holds the value: equal as text, or (a list claim, like `groups`) among its values. */
export function claimHolds(claim: unknown, value: string): boolean {
  if (Array.isArray(claim)) return claim.some((item) => claimHolds(item, value));
  if (typeof claim === 'string' || typeof claim === 'number' || typeof claim === 'boolean') {
    return String(claim) === value;
  }
  return false;
}

/** The first rule, in the order they were made, whose claim the person holds. */
export const firstMatchingRule = (rules: readonly OidcClaimRuleRow[], claims: Claims) =>
  rules.find((rule) => Object.hasOwn(claims, rule.claimName) && claimHolds(claims[rule.claimName], rule.claimValue));

/**
 * Staff sign-in through a province's identity platform: the authorization code flow with PKCE,
 * state and nonce. A started sign-in is kept in the database (any replica may take the
 * callback; taken once; dead after ten minutes) and bound to the browser by a random value in
 * an httpOnly cookie, stored only as its hash. The callback finds the account linked to the
 * person (issuer and subject) or makes one from the first matching claim rule, and answers the
 * same staff token a password sign-in does.
 */
export class StaffOidc {
  #configuration: Promise<oidc.Configuration> | undefined;

  constructor(
    readonly db: Database,
    readonly signIn: StaffSignIn,
    readonly options: OidcOptions,
    readonly clock: () => Date,
  ) {}

  /** The provider's metadata, read once; a failed read is tried again next time. */
  #config(): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret, allowInsecureHttp } = this.options;
    this.#configuration ??= oidc
      .discovery(
        new URL(issuer),
        clientId,
        undefined,
        oidc.ClientSecretBasic(clientSecret),
        allowInsecureHttp ? { execute: [oidc.allowInsecureRequests] } : {},
      )
      .catch((err: unknown) => {
        this.#configuration = undefined;
        throw err;
      });
    return this.#configuration.catch(() => {
      throw errors.oidcProviderUnavailable();
    });
  }

  /** Where to send the browser, and the cookie value that binds the sign-in to it. */
  async start(): Promise<{ location: string; browser: string }> {
    const config = await this.#config();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const browser = randomBytes(32).toString('base64url');
    const now = this.clock();
    await this.db.delete(oidcPendingSignIns).where(lt(oidcPendingSignIns.expiresAt, now));
    await this.db.insert(oidcPendingSignIns).values({
      state,
      nonce,
      codeVerifier,
      browserHash: sha256(browser),
      expiresAt: new Date(now.getTime() + PENDING_MS),
    });
    const scopes = new Set(['openid', ...this.options.scopes.split(/\s+/).filter(Boolean)]);
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.options.redirectUri,
      scope: [...scopes].join(' '),
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { location: url.href, browser };
  }

  /**
   * The provider's answer: the sign-in it completes (taken once), the code exchanged and the ID
   * token checked, then the person's account and a staff token for it.
   */
  async callback(input: { query: string; browser: string | undefined; requestId: string }) {
    const params = new URLSearchParams(input.query);
    const state = params.get('state');
    if (!state) throw errors.oidcSignInFailed('state');
    const [pending] = await this.db.delete(oidcPendingSignIns).where(eq(oidcPendingSignIns.state, state)).returning();
    if (!pending || pending.expiresAt < this.clock() || !sameHash(pending.browserHash, input.browser)) {
      throw errors.oidcSignInFailed('state');
    }
    const config = await this.#config();
    const claims = await this.#claims(config, params, pending).catch(() => {
      throw errors.oidcSignInFailed('provider');
    });
    const account = await this.#accountOf(claims, input.requestId);
    if (account.status !== 'active') throw errors.accountDisabled();
    return this.signIn.signedIn(account, input.requestId, 'oidc');
  }

  /** The ID token's claims (checked: signature, issuer, audience, nonce), with the userinfo's where the provider has one. */
  async #claims(
    config: oidc.Configuration,
    params: URLSearchParams,
    pending: { state: string; nonce: string; codeVerifier: string },
  ) {
    const current = new URL(this.options.redirectUri);
    current.search = params.toString();
    const tokens = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error('no ID token');
    // Many providers put only `sub` in the ID token and the rest behind userinfo.
    const userinfo = config.serverMetadata().userinfo_endpoint
      ? await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)
      : {};
    return { ...userinfo, ...idClaims } as Claims & { iss: string; sub: string };
  }

  /** The account linked to this person, or one made from the first matching rule; 403 when none matches. */
  async #accountOf(claims: Claims & { iss: string; sub: string }, requestId: string): Promise<StaffAccountRow> {
    const linked = await this.#linked(claims.iss, claims.sub);
    if (linked) return linked;
    const rules = await this.db.select().from(oidcClaimRules).orderBy(asc(oidcClaimRules.id));
    const rule = firstMatchingRule(rules, claims);
    if (!rule) throw errors.oidcNoMatchingRule();
    // Never used to sign in: password sign-in stays closed until an admin resets the account.
    const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
    const now = this.clock();
    return this.#create(claims, rule, passwordHash, now, requestId).catch(async (err: unknown) => {
      // The same person's first sign-in twice at once: the other made the account and the link.
      const made = await this.#linked(claims.iss, claims.sub);
      if (made) return made;
      throw err;
    });
  }

  /** The account a rule grants, linked to the person, audited: all or nothing. */
  #create(
    claims: Claims & { iss: string; sub: string },
    rule: OidcClaimRuleRow,
    passwordHash: string,
    now: Date,
    requestId: string,
  ): Promise<StaffAccountRow> {
    return this.db.transaction(async (tx) => {
      const [account] = await tx
        .insert(staffAccounts)
        .values({
          id: newId('stf'),
          username: `oidc.${sha256(`${claims.iss} ${claims.sub}`).slice(0, 16)}`,
          name: nameOf(claims),
          phone: phoneOf(claims),
          regionCode: rule.regionCode,
          role: rule.role,
          passwordHash,
          passwordChangeRequired: true,
          createdBy: `oidc-rule:${rule.id}`,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!account) throw errors.oidcSignInFailed('provider');
      await tx.insert(staffOidcIdentities).values({ issuer: claims.iss, subject: claims.sub, staffId: account.id });
      await recordAudit(tx, {
        actor: `oidc-rule:${rule.id}`,
        action: 'staff.created',
        subjectType: 'staff',
        subjectId: account.id,
        regionCode: account.regionCode,
        requestId,
        detail: { method: 'oidc', ruleId: rule.id, role: account.role },
      });
      return account;
    });
  }

  async #linked(issuer: string, subject: string): Promise<StaffAccountRow | undefined> {
    const [row] = await this.db
      .select({ account: staffAccounts })
      .from(staffOidcIdentities)
      .innerJoin(staffAccounts, eq(staffAccounts.id, staffOidcIdentities.staffId))
      .where(and(eq(staffOidcIdentities.issuer, issuer), eq(staffOidcIdentities.subject, subject)));
    return row?.account;
  }
}

function sameHash(stored: string, browser: string | undefined): boolean {
  if (!browser) return false;
  const given = Buffer.from(sha256(browser));
  const kept = Buffer.from(stored);
  return given.length === kept.length && timingSafeEqual(given, kept);
}

/** The name the badge would show: the provider's `name`, else the login name; at most 40 characters. */
function nameOf(claims: Claims): string {
  for (const key of ['name', 'preferred_username', 'nickname']) {
    const value = claims[key];
    if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 40);
  }
  return '统一身份认证用户';
}

/** A Chinese mobile number from `phone_number` (+86 dropped), else empty: the account's phone is optional here. */
function phoneOf(claims: Claims): string {
  const value = typeof claims.phone_number === 'string' ? claims.phone_number.replace(/^\+?86/, '') : '';
  return /^1\d{10}$/.test(value) ? value : '';
}
