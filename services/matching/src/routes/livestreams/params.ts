import { LivestreamId } from '@duijie/contracts';
import type { Database } from '@duijie/db';
import type { RankingEngine } from '@duijie/ranking';
import { z } from 'zod';
import type { Lookups } from '../../index/sync.ts';
import type { LivestreamSessions } from '../../livestreams/session.ts';

/** What every livestream route file is registered with. */
export type LivestreamRouteOptions = {
  db: Database;
  engine: RankingEngine;
  lookups: Lookups;
  sessions: LivestreamSessions;
  clock: () => Date;
};

export const Params = z.object({ livestreamId: LivestreamId });
export const tags = ['livestreams'];
