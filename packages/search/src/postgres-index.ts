import { type Executor, queryRows } from '@duijie/db';
import { type SQL, sql } from 'drizzle-orm';
import type { SearchQuery, SearchResult, VacancyDocument, VacancyFilters, VacancyIndex } from './port.ts';

// Rows per upsert statement: one JSON parameter each.
const CHUNK = 2000;
const KM_PER_DEGREE = 111.32;
/** A six-digit code's level by its shape (42 0000, 4203 00, 420322); the SQL below says the same. */
export function levelOf(code: string): 'province' | 'prefecture' | 'county' | null {
  if (!/^[0-9]{6}$/.test(code)) return null;
  if (code.endsWith('0000')) return 'province';
  return code.endsWith('00') ? 'prefecture' : 'county';
}
const LEVEL_SQL = {
  province: sql.raw(`c ~ '^[0-9]{2}0000$'`),
  prefecture: sql.raw(`c ~ '^[0-9]{4}00$' and c !~ '0000$'`),
  county: sql.raw(`c ~ '^[0-9]{6}$' and c !~ '00$'`),
};

/** One region filter value: a column equality where the level has one, else the array. */
function regionCondition(code: string): SQL {
  const level = levelOf(code);
  if (level === 'province') return sql`province_code = ${code}`;
  if (level === 'prefecture') return sql`prefecture_code = ${code}`;
  if (level === 'county') return sql`county_code = ${code}`;
  return sql`region_codes && ${textArray([code])}`;
}

const textArray = (values: readonly string[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;

/**
 * The embedded vacancy index: the port over a table of the same database (PGlite or the
 * PostgreSQL server), with GIN indexes on the array columns, jieba's words among them (an
 * array of words, not pg_trgm, which hung on PGlite and knows nothing of Chinese words), btree
 * on status and wage, and a bounding box before the exact distance.
 */
export class PostgresVacancyIndex implements VacancyIndex {
  readonly kind = 'postgres';

  constructor(
    private readonly db: Executor,
    /** Cuts query text into the same words the documents were cut into. */
    private readonly words: (text: string) => string[],
  ) {}

  /** The same index inside a transaction: the outbox consumer's writes commit with its mark. */
  on(executor: Executor): PostgresVacancyIndex {
    return new PostgresVacancyIndex(executor, this.words);
  }

  /** The table comes with the migrations. */
  async setup(): Promise<void> {}

  async upsert(documents: readonly VacancyDocument[]): Promise<void> {
    for (let i = 0; i < documents.length; i += CHUNK) {
      const chunk = documents.slice(i, i + CHUNK);
      await this.db.execute(sql`
        insert into vacancy_index (id, employer_id, employer_blacklisted, status, title, words, region_codes,
          province_code, prefecture_code, county_code, lat, lng, monthly_wage_min, monthly_wage_max, occupation_code, skill_codes, fair_ids, livestream_ids,
          tags, date_posted, version)
        select id, "employerId", "employerBlacklisted", status, title, words, "regionCodes",
          (select c from unnest("regionCodes") c where ${LEVEL_SQL.province} limit 1),
          (select c from unnest("regionCodes") c where ${LEVEL_SQL.prefecture} limit 1),
          (select c from unnest("regionCodes") c where ${LEVEL_SQL.county} limit 1), lat, lng, "monthlyWageMin", "monthlyWageMax", "occupationCode", "skillCodes",
          "fairIds", "livestreamIds", tags, "datePosted", version
        from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(id text, "employerId" text,
          "employerBlacklisted" boolean, status text, title text, words text[], "regionCodes" text[],
          lat double precision, lng double precision, "monthlyWageMin" integer, "monthlyWageMax" integer,
          "occupationCode" text, "skillCodes" text[], "fairIds" text[], "livestreamIds" text[], tags text[],
          "datePosted" bigint, version integer)
        on conflict (id) do update set
          employer_id = excluded.employer_id, employer_blacklisted = excluded.employer_blacklisted,
          status = excluded.status, title = excluded.title, words = excluded.words,
          region_codes = excluded.region_codes, province_code = excluded.province_code,
          prefecture_code = excluded.prefecture_code, county_code = excluded.county_code, lat = excluded.lat, lng = excluded.lng,
          monthly_wage_min = excluded.monthly_wage_min, monthly_wage_max = excluded.monthly_wage_max,
          occupation_code = excluded.occupation_code, skill_codes = excluded.skill_codes,
          fair_ids = excluded.fair_ids, livestream_ids = excluded.livestream_ids, tags = excluded.tags,
          date_posted = excluded.date_posted, version = excluded.version
        where vacancy_index.version <= excluded.version`);
    }
  }

  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.execute(sql`delete from vacancy_index where id = any(${textArray(ids)})`);
  }

  async search({ filters = {}, text, limit, order = 'newest' }: SearchQuery): Promise<SearchResult> {
    const words = text ? this.words(text) : [];
    const conditions = [...whereOf(filters), ...(words.length > 0 ? [sql`words && ${textArray(words)}`] : [])];
    const rank =
      words.length > 0 ? sql`(select count(*) from unnest(words) w where w = any(${textArray(words)}))` : sql`0`;
    const rows = await queryRows<{ id: string; score: number }>(
      this.db,
      sql`select id, ${rank}::float8 as score
          from vacancy_index
          where ${sql.join(conditions, sql` and `)}
          ${orderBy(words.length > 0, order)}
          limit ${limit}`,
    );
    // No count of every match: over a large area it would cost more than the search.
    return { hits: rows.map((r) => ({ id: r.id, score: Number(r.score) })), estimatedTotal: rows.length };
  }

  /** Refreshes the planner's statistics: after a bulk load, plans made without them are slow. */
  async analyze(): Promise<void> {
    await this.db.execute(sql`analyze vacancy_index`);
  }

  async stats(): Promise<{ documents: number }> {
    const [row] = await queryRows<{ n: string | number }>(this.db, sql`select count(*) as n from vacancy_index`);
    return { documents: Number(row?.n ?? 0) };
  }

  async reset(): Promise<void> {
    await this.db.execute(sql`delete from vacancy_index`);
  }
}

// `nulls last` as in the indexes, or PostgreSQL cannot read them in order.
function orderBy(byWords: boolean, order: SearchQuery['order']): SQL {
  if (byWords) return sql`order by score desc, date_posted desc nulls last`;
  return order === 'any' ? sql`` : sql`order by date_posted desc nulls last`;
}

function whereOf(f: VacancyFilters): SQL[] {
  const where: SQL[] = [sql`status = ${f.status ?? 'open'}`];
  if (f.excludeBlacklisted !== false) where.push(sql`not employer_blacklisted`);
  if (f.regionCodes?.length) where.push(sql`(${sql.join(f.regionCodes.map(regionCondition), sql` or `)})`);
  if (f.near) {
    const { lat, lng, radiusKm } = f.near;
    const dLat = radiusKm / KM_PER_DEGREE;
    const dLng = radiusKm / (KM_PER_DEGREE * Math.max(Math.cos((lat * Math.PI) / 180), 0.01));
    where.push(sql`lat between ${lat - dLat} and ${lat + dLat} and lng between ${lng - dLng} and ${lng + dLng}`);
    where.push(sql`2 * 6371 * asin(sqrt(
      power(sin(radians(lat - ${lat}) / 2), 2) +
      cos(radians(${lat})) * cos(radians(lat)) * power(sin(radians(lng - ${lng}) / 2), 2))) <= ${radiusKm}`);
  }
  if (f.wageAtLeast !== undefined) where.push(sql`monthly_wage_max >= ${f.wageAtLeast}`);
  if (f.wageAtMost !== undefined) where.push(sql`monthly_wage_min <= ${f.wageAtMost}`);
  if (f.occupationCodes?.length) where.push(sql`occupation_code = any(${textArray(f.occupationCodes)})`);
  if (f.skillCodes?.length) where.push(sql`skill_codes && ${textArray(f.skillCodes)}`);
  if (f.employerId) where.push(sql`employer_id = ${f.employerId}`);
  if (f.fairId) where.push(sql`fair_ids @> ${textArray([f.fairId])}`);
  if (f.livestreamId) where.push(sql`livestream_ids @> ${textArray([f.livestreamId])}`);
  if (f.tags?.length) where.push(sql`tags @> ${textArray(f.tags)}`);
  return where;
}
