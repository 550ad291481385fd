import { type SeekerBulkReport, SeekerInput, type StaffClaims, type Text } from '@duijie/contracts';
import {
  auditLog,
  type Database,
  insertMany,
  newId,
  publishEvents,
  type SeekerRow,
  seekers,
  type Transaction,
  updateVersioned,
} from '@duijie/db';
import { seekerFields } from '@duijie/demand';
import { type RegionDirectory, resolvePlace } from '@duijie/regions';
import { acceptedRegionCodes, actorOf, covers, HttpProblem, issueText } from '@duijie/service-kit';
import type { Taxonomy } from '@duijie/taxonomy';
import { inArray } from 'drizzle-orm';
import { rowMessages } from '../errors.ts';
import type { Drafted, RowProblem } from './row-report.ts';
import { inStatements, letOthersIn, reportedFailures, type SheetInputRow } from './sheet.ts';

type Fields = ReturnType<typeof seekerFields>;

const Row = SeekerInput.strict();

/**
 * The residence cell may hold a place name (凤凰县, 湘西州凤凰县) instead of the code, read as
 * vacancies read theirs: the row then carries the code, or fails naming the places it could be.
 */
function residenceByName(regions: RegionDirectory, data: SheetInputRow['data']): { data: unknown; error?: Text } {
  const given = (data as Record<string, unknown> | undefined)?.residenceRegionCode;
  if (typeof given !== 'string' || /^\d+$/.test(given.trim())) return { data };
  const resolved = resolvePlace(regions, given);
  if (resolved.code) return { data: { ...(data as object), residenceRegionCode: resolved.code } };
  const error =
    resolved.candidates.length > 1
      ? rowMessages.ambiguousPlace(given, resolved.candidates)
      : rowMessages.unknownPlace(given);
  return { data, error };
}
/** The 可接受地区 cell's places (深圳市, 440300) as codes, or why not. */
function acceptedInSheet(regions: RegionDirectory, given: string[]): { codes: string[] } | { error: Text } {
  try {
    return { codes: acceptedRegionCodes(regions, given, { in: 'row', field: 'demand.acceptedRegions' }) };
  } catch (err) {
    if (err instanceof HttpProblem && err.text) return { error: err.text };
    throw err;
  }
}

// ID numbers looked up per statement.
const CHUNK = 1000;

/**
 * A sheet of seekers registered by one staff member: each row is checked on its own (fields,
 * residence within the staff member's region, one row per person); a person already on the
 * list in the staff member's region is updated, one on another region's list is refused. The
 * good rows are stored together with their events, all or none. Reports never carry an ID number.
 */
export async function importSeekers(
  db: Database,
  rows: readonly SheetInputRow[],
  context: {
    staff: StaffClaims;
    regions: RegionDirectory;
    taxonomy: Taxonomy;
    now: Date;
    requestId: string;
    fieldName: (field: string) => string;
    /** Runs in the storing transaction with the report: a job records its end with its rows. */
    beforeCommit?: (tx: Transaction, report: Drafted<SeekerBulkReport>) => Promise<void>;
  },
): Promise<Drafted<SeekerBulkReport>> {
  const { staff, regions, taxonomy, now, fieldName: name } = context;
  const failed: RowProblem[] = [];
  const fail = (row: number, field: string, message: Text) =>
    failed.push({ row, errors: [{ field: name(field), message }] });
  const good: { row: number; fields: Fields; unknownSkills: string[]; unknownCertificates: string[] }[] = [];
  const firstRowOf = new Map<string, number>();
  for (const [index, { row, data, errors }] of rows.entries()) {
    await letOthersIn(index);
    if (errors?.length) {
      failed.push({ row, errors: errors.map((e) => ({ field: name(e.field), message: e.message })) });
      continue;
    }
    const place = residenceByName(regions, data);
    if (place.error) {
      fail(row, 'residenceRegionCode', place.error);
      continue;
    }
    const parsed = Row.safeParse(place.data);
    if (!parsed.success) {
      failed.push({
        row,
        errors: parsed.error.issues.map((e) => ({ field: name(e.path.join('.')), message: issueText(e) })),
      });
      continue;
    }
    const accepted = acceptedInSheet(regions, parsed.data.demand.acceptedRegions);
    if ('error' in accepted) {
      fail(row, 'demand.acceptedRegions', accepted.error);
      continue;
    }
    parsed.data.demand.acceptedRegions = accepted.codes;
    const residence = parsed.data.residenceRegionCode;
    if (!regions.get(residence)) {
      fail(row, 'residenceRegionCode', rowMessages.unknownRegion(residence));
      continue;
    }
    if (!covers(staff, residence)) {
      fail(row, 'residenceRegionCode', rowMessages.outsideRegion(residence, staff.regionCode));
      continue;
    }
    const earlier = firstRowOf.get(parsed.data.idNumber);
    if (earlier) {
      fail(row, 'idNumber', rowMessages.samePersonAs(earlier));
      continue;
    }
    firstRowOf.set(parsed.data.idNumber, row);
    const unknownSkills: string[] = [];
    const unknownCertificates: string[] = [];
    const fields = seekerFields(parsed.data, taxonomy, unknownSkills, unknownCertificates);
    good.push({ row, fields, unknownSkills, unknownCertificates });
  }

  const existing = new Map<string, SeekerRow>();
  for (let i = 0; i < good.length; i += CHUNK) {
    const ids = good.slice(i, i + CHUNK).map((g) => g.fields.idNumber);
    for (const s of await db.select().from(seekers).where(inArray(seekers.idNumber, ids))) existing.set(s.idNumber, s);
  }
  const actor = actorOf({ kind: 'staff', ...staff });
  const elsewhere: string[] = [];
  const storable = good.filter((g) => {
    const found = existing.get(g.fields.idNumber);
    if (!found || covers(staff, found.residenceRegionCode)) return true;
    fail(g.row, 'idNumber', rowMessages.listedElsewhere());
    elsewhere.push(found.id);
    return false;
  });
  // As for one registration (README, "Who may do what"): each refusal is on the audit trail.
  if (elsewhere.length > 0) {
    await insertMany(
      db,
      auditLog,
      elsewhere.map((subjectId) => ({
        id: newId('aud'),
        actor,
        action: 'seeker.registration.refused',
        subjectType: 'seeker',
        subjectId,
        // The region whose staff tried: its admin sees the attempt (the person is elsewhere's).
        regionCode: staff.regionCode,
        requestId: context.requestId,
        detail: { reason: 'registered-elsewhere' },
      })),
    );
  }

  return db.transaction(async (tx) => {
    const stored: {
      row: number;
      id: string;
      existing: boolean;
      unknownSkills: string[];
      unknownCertificates: string[];
      version: number;
    }[] = [];
    const created: (typeof seekers.$inferInsert & { id: string })[] = [];
    for (const g of storable) {
      const found = existing.get(g.fields.idNumber);
      if (found) {
        const updated = await updateVersioned(tx, seekers, found.id, found.version, g.fields);
        stored.push({
          row: g.row,
          id: updated.id,
          existing: true,
          unknownSkills: g.unknownSkills,
          unknownCertificates: g.unknownCertificates,
          version: updated.version,
        });
        continue;
      }
      const id = newId('skr');
      created.push({
        id,
        ...g.fields,
        registeredBy: actor,
        registeredAt: now,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      stored.push({
        row: g.row,
        id,
        existing: false,
        unknownSkills: g.unknownSkills,
        unknownCertificates: g.unknownCertificates,
        version: 1,
      });
    }
    await inStatements(created, (chunk) => insertMany(tx, seekers, chunk));
    const residenceOf = new Map(storable.map((g) => [g.row, g.fields.residenceRegionCode]));
    await inStatements(stored, (chunk) =>
      publishEvents(
        tx,
        chunk.map((r) => ({
          type: r.existing ? 'seeker.updated' : 'seeker.registered',
          aggregateType: 'seeker',
          aggregateId: r.id,
          payload: { seekerId: r.id, residenceRegionCode: residenceOf.get(r.row), version: r.version },
          requestId: context.requestId,
        })),
      ),
    );
    const report: Drafted<SeekerBulkReport> = {
      stored: stored.length,
      created: stored.filter((s) => !s.existing).length,
      updated: stored.filter((s) => s.existing).length,
      ...reportedFailures(failed),
      seekers: stored.map(({ version, ...s }) => s),
    };
    await context.beforeCommit?.(tx, report);
    return report;
  });
}
