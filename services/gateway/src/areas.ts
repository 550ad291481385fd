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
  matches: 'matching',
  fairs: 'matching',
  livestreams: 'matching',
  subscriptions: 'notification',
  notifications: 'notification',
  broadcasts: 'notification',
  feeds: 'notification',
};
