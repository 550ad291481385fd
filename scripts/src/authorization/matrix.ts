// Who may do what, as one table: every operation of the merged OpenAPI document × every kind
// of caller, with the answer each must get. `authorization-matrix.test.ts` sends every cell
// through the gateway on records seeded in 泸溪县 (433122) and fails on any difference, and on
// any operation of the document that has no row here.
//
// The rules the cells follow (README, "Who may do what"):
// - a bad credential (revoked key, expired or forged token) is 401 on every /v1 route;
// - a route that needs a caller answers 401 to anonymous callers before it reads or validates
//   anything they send (the `anonymous, bad input` column: the same request with `{}` as body,
//   or with malformed path parameters when it has no body);
// - a bulk or a sheet is checked row by row: rows another caller may not write are each
//   refused in the 422 report;
// - a credential of the wrong kind (an employer key on a staff route) is 401 naming the one needed;
// - staff outside the record's region: a person (seeker, their check-in, slip, QR code, messages,
//   broadcasts that reach them) is 404 — or whatever a person not on the list gets, exactly as
//   if absent; a place or a bureau's thing (fair, livestream, employer, a region in the query)
//   is 403 out-of-scope. A fair's staff reach only the seekers they may see, and those who
//   checked in at that fair with their own QR code (which only staff who may see them print);
// - an employer key acts for its own employer only: another employer's is 403;
// - a livestream viewer (the `viewer` column: X-Viewer-Token of the seeded viewer, nothing
//   else) is anonymous everywhere but in their own session: their list and their intents take
//   the token, and registering their platform id again is the same viewer only with it (409
//   without it, to anyone);
// - a booth's key (the `boothKey` column: from a booth code for the employer here at the fair
//   here) is the employer's own key on the booth's routes at that fair, and 403
//   booth-not-allowed everywhere else: other fairs, staff routes and public ones alike.

export const CALLERS = [
  'anonymous',
  'officerElsewhere',
  'officerHere',
  'adminHere',
  'fairDeskHere',
  'ownEmployerKey',
  'boothKey',
  'otherEmployerKey',
  'revokedKey',
  'expiredToken',
  'forgedToken',
  'anonymousBadInput',
  'viewer',
] as const;
export type CallerName = (typeof CALLERS)[number];

/**
 * What a cell expects: `ok` is any 2xx or 3xx (the request is valid, so an allowed caller is
 * served); a number is the exact refusal (422: a bulk's or a sheet's rows each refused in its
 * report); `as-unknown` is the very answer (status and problem type) the same request gets
 * for a person who is not on the list at all.
 */
export type Outcome = 'ok' | 400 | 401 | 403 | 404 | 409 | 422 | 'as-unknown';

/** The six callers whose credentials are good (or absent); the rest follow the rules above. */
type Cells = Record<
  'anonymous' | 'officerElsewhere' | 'officerHere' | 'adminHere' | 'ownEmployerKey' | 'otherEmployerKey',
  Outcome
>;

export type Row = {
  /** `METHOD /path` exactly as in the merged document. */
  operation: string;
  /** What makes this row differ from the operation's first (the records its path points at). */
  scenario?: string;
  cells: Record<CallerName, Outcome>;
};

const cells = (
  anonymous: Outcome,
  officerElsewhere: Outcome,
  officerHere: Outcome,
  adminHere: Outcome,
  ownEmployerKey: Outcome,
  otherEmployerKey: Outcome,
): Cells => ({ anonymous, officerElsewhere, officerHere, adminHere, ownEmployerKey, otherEmployerKey });

// The patterns most rows follow.
/** Anybody, no credentials needed. */
const PUBLIC = cells('ok', 'ok', 'ok', 'ok', 'ok', 'ok');
/** Staff of the region; the record (or the region asked for) is a bureau's: 403 elsewhere. */
const STAFF_OF_REGION = cells(401, 403, 'ok', 'ok', 401, 401);
/** Staff of the region; the path leads to a person: 404 elsewhere, as if absent. */
const STAFF_OF_PERSON = cells(401, 404, 'ok', 'ok', 401, 401);
/** The employer's own key, or staff of its region. */
const EMPLOYER_OR_STAFF = cells(401, 403, 'ok', 'ok', 'ok', 403);
/** Any staff token or employer key, wherever they are: reference data. */
const STAFF_OR_EMPLOYER = cells(401, 'ok', 'ok', 'ok', 'ok', 'ok');
/** Admins of the region only. */
const ADMIN_OF_REGION = cells(401, 403, 403, 'ok', 401, 401);
/** A feature this system runs without: the same 404 to anybody. */
const NOT_CONFIGURED = cells(404, 404, 404, 404, 404, 404);

/**
 * What a fair desk's token (role fair-desk, of the region here) may use: the check-in desk's
 * work. On these it is answered as the officer here; on every other /v1 route, public ones
 * included, 403 fair-desk-not-allowed.
 */
export const DESK = new Set([
  'GET /v1/fairs',
  'POST /v1/fairs/{fairId}/checkins',
  'GET /v1/fairs/{fairId}/checkins/{seekerId}/slip',
  'GET /v1/fairs/{fairId}/seekers/{seekerId}/qr',
  'POST /v1/fairs/{fairId}/intents',
  'GET /v1/vocabularies/skills',
  'GET /v1/vocabularies/certificates',
  'GET /v1/vocabularies/places',
]);

const fairDesk = (operation: string, base: Cells): Outcome => (DESK.has(operation) ? base.officerHere : 403);

/**
 * What a booth's key (from a booth code for the employer here at the fair here) may use: the
 * booth page's work. On these, at its own fair, it is answered as the employer's own key; at
 * another fair, and on every other /v1 route, 403 booth-not-allowed.
 */
export const BOOTH = new Set(['GET /v1/fairs/{fairId}/candidates', 'POST /v1/fairs/{fairId}/intents']);

const boothKey = (operation: string, base: Cells, scenario?: string): Outcome =>
  BOOTH.has(operation) && !scenario?.startsWith(FAIR_ELSEWHERE) ? base.ownEmployerKey : 403;

/**
 * A row: the six callers as given, a fair desk as `fairDesk` says, bad credentials 401, bad
 * input from an anonymous caller 401 where the route needs a caller, else the 400 naming what
 * is wrong (or `ok` for a route that takes no input at all), and a viewer as anonymous unless
 * the row says otherwise.
 */
function row(
  operation: string,
  base: Cells,
  scenario?: string,
  anonymousBadInput?: Outcome,
  viewer: Outcome = base.anonymous,
): Row {
  return {
    operation,
    ...(scenario ? { scenario } : {}),
    cells: {
      ...base,
      fairDeskHere: fairDesk(operation, base),
      boothKey: boothKey(operation, base, scenario),
      revokedKey: 401,
      expiredToken: 401,
      forgedToken: 401,
      anonymousBadInput: anonymousBadInput ?? (base.anonymous === 401 ? 401 : 400),
      viewer,
    },
  };
}

/** Operations outside /v1 answer anybody and read no credentials. */
const OPERATIONS_ROW = (operation: string): Row => ({
  operation,
  cells: Object.fromEntries([...CALLERS].map((c) => [c, 'ok'])) as Record<CallerName, Outcome>,
});

/** Fairs and seekers elsewhere: a 420322 fair, run by the officer elsewhere, reaching a 433122 seeker. */
export const FAIR_ELSEWHERE = 'the fair is in 420322 (the officer elsewhere runs it), the seeker or employer in 433122';
/** A 433122 seeker checked in at the 420322 fair by showing their own QR code there. */
export const BY_OWN_QR = 'checked in there with their own QR code';

export const MATRIX: Row[] = [
  OPERATIONS_ROW('GET /health'),
  OPERATIONS_ROW('GET /ready'),

  row('POST /v1/employers', STAFF_OF_REGION),
  row('GET /v1/employers/{employerId}', PUBLIC),
  // Staff within their region; an employer's key lists its own employer only (whichever it is).
  row('GET /v1/employers', cells(401, 403, 'ok', 'ok', 'ok', 'ok'), 'regionCode=433122'),
  row('POST /v1/employers/{employerId}/blacklist', ADMIN_OF_REGION),
  row('POST /v1/employers/{employerId}/unblacklist', ADMIN_OF_REGION),
  row('POST /v1/employers/{employerId}/api-keys', STAFF_OF_REGION),
  row('GET /v1/employers/{employerId}/api-keys', STAFF_OF_REGION),
  row('POST /v1/employers/{employerId}/api-keys/{keyId}/revoke', STAFF_OF_REGION),
  // A booth code is the credential: anybody who holds one (a fresh code for each caller).
  row('POST /v1/employers/booth-code', PUBLIC),

  row('POST /v1/vacancies', EMPLOYER_OR_STAFF),
  row('GET /v1/vacancies', PUBLIC),
  row('POST /v1/vacancies/bulk', cells(401, 422, 'ok', 'ok', 'ok', 422)),
  // The query names the employer of rows that name none: another employer's key naming it is 403.
  row('POST /v1/vacancies/import', cells(401, 422, 'ok', 'ok', 'ok', 403), 'employerId= the employer here'),
  row('GET /v1/vacancies/import/template', PUBLIC, undefined, 'ok'),
  // A bulk or sheet run as a job is its sender's to read (the employer's key that sent it here):
  // anyone else, staff of the region included, gets 404, as for a job that does not exist.
  row('GET /v1/imports/{importId}', cells(401, 404, 404, 404, 'ok', 404)),
  row('GET /v1/vacancies/{vacancyId}', PUBLIC),
  row('PATCH /v1/vacancies/{vacancyId}', EMPLOYER_OR_STAFF),
  row('POST /v1/vacancies/{vacancyId}/close', EMPLOYER_OR_STAFF),
  row('POST /v1/vacancies/{vacancyId}/reopen', EMPLOYER_OR_STAFF),
  row('POST /v1/vacancies/job-postings', EMPLOYER_OR_STAFF),

  // A seeker registers themselves without credentials; employers never register seekers.
  row('POST /v1/seekers', cells('ok', 403, 'ok', 'ok', 403, 403)),
  row('GET /v1/seekers', STAFF_OF_REGION, 'regionCode=433122'),
  row('POST /v1/seekers/import', cells(401, 422, 'ok', 'ok', 401, 401), 'residence 433122'),
  row('GET /v1/seekers/import/template', PUBLIC, undefined, 'ok'),
  row('GET /v1/seekers/{seekerId}', STAFF_OF_PERSON),
  row('PATCH /v1/seekers/{seekerId}', STAFF_OF_PERSON),
  row('GET /v1/seekers/{seekerId}/personal-data', STAFF_OF_PERSON),

  row('POST /v1/placements', STAFF_OF_PERSON),
  row('GET /v1/placements', STAFF_OF_REGION, 'regionCode=433122'),
  row('GET /v1/follow-ups', STAFF_OF_REGION, 'regionCode=433122'),
  row('POST /v1/follow-ups/{followUpId}', STAFF_OF_PERSON),
  row('GET /v1/reports/summary', STAFF_OF_REGION, 'regionCode=433122'),
  row('GET /v1/reports/zero-out', STAFF_OF_REGION, 'regionCode=433122'),
  row('GET /v1/reports/monitored', STAFF_OF_REGION, 'regionCode=433122'),
  // Reference data, no one's: any staff token or employer key, wherever they are.
  row('GET /v1/vocabularies/skills', STAFF_OR_EMPLOYER),
  row('GET /v1/vocabularies/certificates', STAFF_OR_EMPLOYER),
  row('GET /v1/vocabularies/places', STAFF_OR_EMPLOYER),

  // Staff accounts: a region's admins, for accounts of their region (a person elsewhere is 404,
  // as if absent; the admin elsewhere is tested in services/intake/src/routes/staff/). Signing
  // in and changing a password take the username and password as their credential: anybody.
  row('POST /v1/staff', ADMIN_OF_REGION, 'an account in 433122'),
  row('GET /v1/staff', ADMIN_OF_REGION, 'regionCode=433122'),
  row('GET /v1/staff/{staffId}', ADMIN_OF_REGION),
  row('POST /v1/staff/{staffId}/disable', ADMIN_OF_REGION),
  row('POST /v1/staff/{staffId}/enable', ADMIN_OF_REGION),
  row('POST /v1/staff/{staffId}/reset-password', ADMIN_OF_REGION),
  row('POST /v1/staff/{staffId}/totp/reset', ADMIN_OF_REGION),
  // One's own second factor: the matrix's tokens name no account (as staff-token's do), so
  // every staff caller is 403 no-staff-account; enrolling is tried in second-factor.test.ts.
  row('POST /v1/staff/me/totp', cells(401, 403, 403, 403, 401, 401)),
  row('POST /v1/staff/me/totp/confirm', cells(401, 403, 403, 403, 401, 401)),
  row('POST /v1/staff/sign-in', PUBLIC),
  row('POST /v1/staff/password', PUBLIC),
  row('POST /v1/staff/desk-code', PUBLIC),
  // OIDC sign-in: the system the matrix runs has no identity platform configured, so both
  // answer anybody 404 oidc-not-configured (the flow itself, against a real provider, is
  // services/intake/src/routes/staff/oidc-sign-in.test.ts). The claim rules are a region's
  // admins', granting their region only.
  row('GET /v1/staff/oidc/start', NOT_CONFIGURED, undefined, 404),
  row('GET /v1/staff/oidc/callback', NOT_CONFIGURED, undefined, 404),
  row('GET /v1/staff/oidc/rules', ADMIN_OF_REGION, 'regionCode=433122'),
  row('POST /v1/staff/oidc/rules', ADMIN_OF_REGION, 'a rule granting 433122'),
  row('DELETE /v1/staff/oidc/rules/{ruleId}', ADMIN_OF_REGION),
  // Who did what: a region's admins, their region's records.
  row('GET /v1/audit', ADMIN_OF_REGION, 'regionCode=433122'),

  row('GET /v1/seekers/{seekerId}/matches', STAFF_OF_PERSON),
  row('POST /v1/matches/search', PUBLIC),
  row('GET /v1/matches/explain', STAFF_OF_PERSON),
  row('GET /v1/vacancies/{vacancyId}/candidates', EMPLOYER_OR_STAFF),

  row('POST /v1/fairs', STAFF_OF_REGION),
  row('GET /v1/fairs', STAFF_OF_REGION, 'regionCode=433122'),
  row('GET /v1/fairs/{fairId}', PUBLIC),
  row('PUT /v1/fairs/{fairId}/booths/{employerId}', EMPLOYER_OR_STAFF),
  // A booth's employer must be one the fair's staff may act for; the employer itself may go anywhere.
  row('PUT /v1/fairs/{fairId}/booths/{employerId}', cells(401, 403, 403, 403, 'ok', 403), FAIR_ELSEWHERE),
  row('GET /v1/fairs/{fairId}/booths', PUBLIC),
  row('POST /v1/fairs/{fairId}/checkins', STAFF_OF_REGION, 'by phone'),
  // The fair's own staff reach only the seekers they may see: a seeker elsewhere who has not
  // checked in there is as if absent, by phone, slip, QR code or intent.
  row('POST /v1/fairs/{fairId}/checkins', cells(401, 'as-unknown', 403, 403, 401, 401), `${FAIR_ELSEWHERE}; by phone`),
  row('GET /v1/fairs/{fairId}/checkins/{seekerId}/slip', STAFF_OF_REGION),
  row('GET /v1/fairs/{fairId}/checkins/{seekerId}/slip', cells(401, 404, 403, 403, 401, 401), FAIR_ELSEWHERE),
  // The one way past the region: the seeker's own signed QR code, shown at that fair. Then the
  // seeker is the fair's, for that fair only.
  row(
    'GET /v1/fairs/{fairId}/checkins/{seekerId}/slip',
    cells(401, 'ok', 403, 403, 401, 401),
    `${FAIR_ELSEWHERE}; ${BY_OWN_QR}`,
  ),
  row('GET /v1/fairs/{fairId}/seekers/{seekerId}/qr', STAFF_OF_REGION),
  row('GET /v1/fairs/{fairId}/seekers/{seekerId}/qr', cells(401, 404, 403, 403, 401, 401), FAIR_ELSEWHERE),
  row('GET /v1/fairs/{fairId}/booths/{employerId}/qr', EMPLOYER_OR_STAFF),
  row('GET /v1/fairs/{fairId}/candidates', EMPLOYER_OR_STAFF, 'employerId= the employer here'),
  row('GET /v1/fairs/{fairId}/assignment', STAFF_OF_REGION),
  row('POST /v1/fairs/{fairId}/intents', EMPLOYER_OR_STAFF),
  row(
    'POST /v1/fairs/{fairId}/intents',
    cells(401, 'as-unknown', 403, 403, 'as-unknown', 403),
    `${FAIR_ELSEWHERE}; not checked in there`,
  ),
  row('POST /v1/fairs/{fairId}/intents', cells(401, 'ok', 403, 403, 'ok', 403), `${FAIR_ELSEWHERE}; ${BY_OWN_QR}`),
  row('GET /v1/fairs/{fairId}/stats', PUBLIC),
  // Desk and booth codes: the staff who run the fair (a booth's, for employers they may act for).
  row('POST /v1/fairs/{fairId}/desk-codes', STAFF_OF_REGION),
  row('POST /v1/fairs/{fairId}/booths/{employerId}/code', STAFF_OF_REGION),
  row('GET /v1/fairs/{fairId}/codes', STAFF_OF_REGION),
  row('POST /v1/fairs/{fairId}/codes/{codeId}/revoke', STAFF_OF_REGION),

  row('POST /v1/livestreams', STAFF_OF_REGION),
  row('GET /v1/livestreams/{livestreamId}', PUBLIC),
  row('PUT /v1/livestreams/{livestreamId}/vacancies', STAFF_OF_REGION),
  row('PATCH /v1/livestreams/{livestreamId}/host', STAFF_OF_REGION),
  row('GET /v1/livestreams/{livestreamId}/lineup', PUBLIC),
  row('POST /v1/livestreams/{livestreamId}/viewers', PUBLIC, 'a new viewer'),
  // The route serves anonymous viewers too: their bad input is a 400.
  row('POST /v1/livestreams/{livestreamId}/viewers', STAFF_OF_PERSON, 'staff link the viewer to a 433122 seeker', 400),
  // A platform id is no secret: registering a known one again is the viewer only with its token,
  // whoever asks (staff too: a token is never issued again); another viewer's token is no key.
  row(
    'POST /v1/livestreams/{livestreamId}/viewers',
    cells(409, 409, 409, 409, 409, 409),
    'the platform user id of a viewer linked to a seeker',
    400,
    409,
  ),
  row(
    'POST /v1/livestreams/{livestreamId}/viewers',
    cells(409, 409, 409, 409, 409, 409),
    'the platform user id of the viewer',
    400,
    'ok',
  ),
  // The viewer's own list: only their token opens it, whoever else asks.
  row(
    'GET /v1/livestreams/{livestreamId}/viewers/{viewerId}/jobs',
    cells(401, 401, 401, 401, 401, 401),
    'a viewer linked to nobody',
    401,
    'ok',
  ),
  // By the viewer (their token), the vacancy's employer, or staff of the session's region.
  row('POST /v1/livestreams/{livestreamId}/intents', cells(401, 403, 'ok', 'ok', 'ok', 403), undefined, 401, 'ok'),
  row('GET /v1/livestreams/{livestreamId}/stats', PUBLIC),
  row('GET /v1/livestreams', STAFF_OF_REGION, 'regionCode=433122'),
  // The session's viewers and a call-back number: for the staff who run it (the session is a bureau's).
  row('GET /v1/livestreams/{livestreamId}/viewers', STAFF_OF_REGION),
  row('GET /v1/livestreams/{livestreamId}/viewers/{viewerId}/personal-data', STAFF_OF_REGION),
  // Staff of the region; an employer's key, the intents on its own vacancies (the region is staff's filter).
  row('GET /v1/intents', cells(401, 403, 'ok', 'ok', 'ok', 'ok'), 'regionCode=433122'),

  row('GET /v1/feeds/fairs/{id}', PUBLIC),
  row('GET /v1/feeds/livestreams/{id}', PUBLIC),
  row('PUT /v1/subscriptions/{seekerId}', STAFF_OF_PERSON),
  row('GET /v1/subscriptions/{seekerId}', STAFF_OF_PERSON),
  // The token in the link is the key: no login.
  row('GET /v1/subscriptions/unsubscribe/{token}', PUBLIC),
  // The opt-out itself: the link's page posts here, and so may a mail client (RFC 8058 one-click):
  // whoever holds the link may opt its seeker out, as the SMS reply TD does, and nothing else.
  row('POST /v1/subscriptions/unsubscribe/{token}', PUBLIC),
  // Only the SMS gateway, with its own key in X-Sms-Gateway-Key, which none of these callers has.
  row('POST /v1/subscriptions/sms-replies', cells(401, 401, 401, 401, 401, 401)),
  row('POST /v1/broadcasts/preview', STAFF_OF_REGION, 'segment 433122'),
  row('POST /v1/broadcasts', STAFF_OF_REGION, 'segment 433122'),
  row('GET /v1/broadcasts/{broadcastId}', STAFF_OF_PERSON),
  row('GET /v1/notifications', STAFF_OF_PERSON, 'seekerId= the seeker here'),
  row('GET /v1/notifications/l/{code}', PUBLIC),
  // The seeker's phone page behind the link: what it is about, and "我有意向" (the code is the seeker's own).
  row('GET /v1/notifications/l/{code}/view', PUBLIC),
  row('PUT /v1/notifications/l/{code}/interest', PUBLIC),

  // 邀约: the vacancy's employer, or staff of its region for it; the seeker answers by the token in
  // their link (no login), and the same answer again changes nothing.
  row('POST /v1/vacancies/{vacancyId}/invitations', EMPLOYER_OR_STAFF),
  row('GET /v1/vacancies/{vacancyId}/invitations', EMPLOYER_OR_STAFF),
  row('GET /v1/invitations/answer/{token}', PUBLIC),
  row('POST /v1/invitations/answer/{token}', PUBLIC),
];

/** A row's name in messages and in KNOWN_DEFECTS. */
export const rowName = (r: Pick<Row, 'operation' | 'scenario'>) =>
  r.scenario ? `${r.operation} (${r.scenario})` : r.operation;

/**
 * Cells that today's main answers differently from the table, each a defect being fixed on
 * another branch. The test asserts each is STILL wrong, so a fix makes it fail with a
 * message to remove the cell from this list. Keys: `<row name> × <caller>`.
 */
export const KNOWN_DEFECTS: ReadonlySet<string> = new Set<string>([]);
