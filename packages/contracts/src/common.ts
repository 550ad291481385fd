import { z } from 'zod';
import { say } from './say.ts';

/** Prefixed, time-ordered ids (`vac_0192…`) keep logs readable and sort by creation. */
export const idOf = (prefix: string) =>
  z
    .string()
    .regex(
      new RegExp(`^${prefix}_[0-9a-f]{32}$`),
      say(`应为形如 ${prefix}_0192… 的编号`, `must be an id like ${prefix}_0192…`),
    )
    .describe(`${prefix}_ followed by a UUIDv7 in hex`);

export const EmployerId = idOf('emp');
export const VacancyId = idOf('vac');
export const SeekerId = idOf('skr');
export const EventId = idOf('evt');
export const ApiKeyId = idOf('key');

/** GB/T 2260 区划代码: 6 digits down to county level, 12 for township (乡镇) and village (村). */
export const RegionCode = z
  .string()
  .regex(
    /^\d{6}(\d{6})?$/,
    say(
      '应为 6 位（省至县）或 12 位（乡镇、村）行政区划代码',
      'must be a 6-digit (province to county) or 12-digit (township, village) region code',
    ),
  )
  .describe('GB/T 2260 administrative division code');

/** PostgreSQL's `integer`: a number past it fails the statement, so input is bounded here. */
export const PG_INTEGER_MAX = 2_147_483_647;

// Dates a person, a vacancy or a report can have: beyond these the database refuses some
// (year 0) and the rest are typing errors.
export const saneYear = (iso: string) => {
  const year = Number(iso.slice(0, 4));
  return year >= 1900 && year <= 2100;
};
export const SANE_YEARS = say('应在 1900 至 2100 年之间', 'must be in the years 1900 to 2100');

export const Timestamp = z.iso
  .datetime({ offset: true })
  .refine(saneYear, SANE_YEARS)
  .describe('ISO 8601 date-time, 1900–2100');
export const DateOnly = z.iso.date().refine(saneYear, SANE_YEARS).describe('ISO 8601 date, 1900–2100');

export const Version = z
  .int()
  .min(1)
  .max(PG_INTEGER_MAX)
  .describe('optimistic concurrency version: send back what you read');

export const RecordMeta = {
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Version,
};

export const Coordinates = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});

export const Education = z
  .enum([
    'none',
    'primary',
    'junior_middle',
    'senior_middle',
    'vocational',
    'associate',
    'bachelor',
    'master',
    'doctorate',
  ])
  .describe('无 / 小学 / 初中 / 高中 / 中专技校 / 大专 / 本科 / 硕士 / 博士');
export type Education = z.infer<typeof Education>;
export const EDUCATION_ORDER: readonly Education[] = Education.options;

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().describe('opaque cursor from the previous page'),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** A place as people write it (凤凰县, 湘西州凤凰县, 鳳凰縣) or its code: read as vacancies read theirs. */
export const PlaceName = z
  .string()
  .trim()
  .min(2)
  .max(100)
  .describe('a place name (凤凰县, 湘西州凤凰县) or a region code');

/** A page of a list: how many, and where the previous page ended. */
export const Paging = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().describe('opaque cursor from the previous page'),
};

/** A list's region, by code or by name: it covers its subregions, and must lie within the caller's region. */
export const RegionFilter = {
  regionCode: RegionCode.optional().describe('within this region (within your own)'),
  region: PlaceName.optional().describe('the region by name (凤凰县, 湘西州凤凰县) or code; it covers its subregions'),
};
