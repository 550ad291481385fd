export type ServiceName = 'intake' | 'matching' | 'notification';
export const SERVICES: readonly ServiceName[] = ['intake', 'matching', 'notification'];

/**
 * Which service answers each `/v1/<area>`. The services mount their routes under the same
 * paths, so the gateway forwards paths unchanged and the merged OpenAPI document is true.
 */
export const AREAS: Readonly<Record<string, ServiceName>> = {
  employers: 'intake',
  vacancies: 'intake',
  seekers: 'intake',
  imports: 'intake',
  placements: 'intake',
  'follow-ups': 'intake',
  reports: 'intake',
  vocabularies: 'intake',
  staff: 'intake',
  audit: 'intake',
  matches: 'matching',
  fairs: 'matching',
  livestreams: 'matching',
  intents: 'matching',
  subscriptions: 'notification',
  notifications: 'notification',
  broadcasts: 'notification',
  feeds: 'notification',
  invitations: 'notification',
};

/**
 * Paths inside one service's area that another service answers: the matching service's views
 * of a seeker and of a vacancy. Checked before the area's own service.
 */
export const OVERRIDES: readonly { pattern: RegExp; service: ServiceName }[] = [
  { pattern: /^\/v1\/seekers\/[^/?]+\/matches(?:[/?]|$)/, service: 'matching' },
  { pattern: /^\/v1\/vacancies\/[^/?]+\/candidates(?:[/?]|$)/, service: 'matching' },
  { pattern: /^\/v1\/vacancies\/[^/?]+\/invitations(?:[/?]|$)/, service: 'matching' },
];

/** The service that answers a path of `area`. */
export const serviceFor = (url: string, area: string): ServiceName | undefined =>
  OVERRIDES.find((o) => o.pattern.test(url))?.service ?? AREAS[area];

/** The largest request body a service takes: 1 MiB, and 32 MiB on the bulk and import routes. */
export const BODY_LIMIT = 1024 * 1024;
export const BULK_BODY_LIMIT = 32 * 1024 * 1024;
const BULK_ROUTES = /^\/v1\/(?:vacancies\/(?:bulk|import)|seekers\/import)(?:[/?]|$)/;

/** The body limit of the route `url` goes to: the gateway refuses larger bodies itself (413). */
export const bodyLimitFor = (url: string) => (BULK_ROUTES.test(url) ? BULK_BODY_LIMIT : BODY_LIMIT);
