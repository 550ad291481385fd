import type { Database } from '@duijie/db';
import type { RankingEngine } from '@duijie/ranking';
import type { Lookups } from '../index/sync.ts';
import type { FairQrCodes } from './qr.ts';
import type { FairSupplies } from './supply.ts';

/** What the fair modules work with: the database, the engine, the fairs' lists held in memory, the QR key. */
export type FairDeps = {
  db: Database;
  engine: RankingEngine;
  lookups: Lookups;
  supplies: FairSupplies;
  qr: FairQrCodes;
  clock: () => Date;
};
