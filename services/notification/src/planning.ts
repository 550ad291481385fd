import { type Executor, type NotificationTopic, queryRows, sql } from '@duijie/db';
import { regionPrefix } from '@duijie/regions';
import type { SQL } from 'drizzle-orm';
import type { TemplateName } from './templates.ts';

/** Who a segment is: regions (any level) × priority groups × employment statuses; empty means any. */
export type Segment = { regionCodes: string[]; priorityGroups: string[]; employmentStatuses: string[] };

// Ids made in SQL, shaped like the others (prefix + 32 hex, time first): a broadcast plans
// hundreds of thousands in one statement.
const MESSAGE_ID = sql.raw(
  `'msg_' || lpad(to_hex((extract(epoch from clock_timestamp()) * 1000)::bigint), 12, '0') || substr(replace(gen_random_uuid()::text, '-', ''), 13)`,
);
const LINK_CODE = sql.raw(`substr(replace(gen_random_uuid()::text, '-', ''), 1, 16)`);

type Plan = { reason: string; topic: NotificationTopic; template: TemplateName; now: Date };

const textArray = (values: readonly string[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;

/** The seekers of a segment: active, and in it on every axis it names. */
export function segmentWhere(segment: Segment): SQL {
  const parts: SQL[] = [sql`k.active`];
  if (segment.regionCodes.length > 0) {
    parts.push(
      sql`(${sql.join(
        segment.regionCodes.map((code) => sql`k.residence_region_code like ${`${regionPrefix(code)}%`}`),
        sql` or `,
      )})`,
    );
  }
  if (segment.priorityGroups.length > 0) parts.push(sql`k.priority_groups && ${textArray(segment.priorityGroups)}`);
  if (segment.employmentStatuses.length > 0) {
    parts.push(sql`k.employment_status = any(${textArray(segment.employmentStatuses)})`);
  }
  return sql.join(parts, sql` and `);
}

/** Subscribed to the topic, not opted out: the condition every plan and every preview shares. */
const listening = (topic: NotificationTopic) => sql`s.opted_out_at is null and ${topic} = any(s.topics)`;

const counted = async (executor: Executor, insert: SQL) => {
  const [row] = await queryRows<{ planned: number }>(
    executor,
    sql`with planned as (${insert} on conflict do nothing returning 1) select count(*)::int as planned from planned`,
  );
  return row?.planned ?? 0;
};

const COLUMNS = sql.raw(
  'insert into notification_messages (id, seeker_id, reason, topic, channel, template, params, link_code, available_at, created_at)',
);

/**
 * Plans a message per listening seeker and channel, each with its own values (a job's reason
 * differs per person). Planned once: the (seeker, reason, channel) key makes a repeat a no-op.
 */
export function planForPeople(
  executor: Executor,
  plan: Plan,
  /** `score`: a job alert's fit, which decides the day's best over the daily cap. */
  people: readonly { seekerId: string; params: Record<string, string | number>; score?: number }[],
): Promise<number> {
  if (people.length === 0) return Promise.resolve(0);
  const records = JSON.stringify(
    people.map((p) => ({ seeker_id: p.seekerId, params: p.params, score: p.score ?? null })),
  );
  return counted(
    executor,
    sql`insert into notification_messages (id, seeker_id, reason, topic, channel, template, params, link_code, available_at, created_at, score)
        select ${MESSAGE_ID}, s.seeker_id, ${plan.reason}, ${plan.topic}, ch, ${plan.template}, p.params, ${LINK_CODE},
               ${plan.now.toISOString()}::timestamptz, ${plan.now.toISOString()}::timestamptz, p.score
        from jsonb_to_recordset(${records}::jsonb) as p(seeker_id text, params jsonb, score real)
        join subscriptions s on s.seeker_id = p.seeker_id
        cross join lateral unnest(s.channels) as ch
        where ${listening(plan.topic)}`,
  );
}

/** Plans the same message for every listening seeker of a segment, in one statement. */
export function planForSegment(
  executor: Executor,
  plan: Plan,
  segment: Segment,
  params: Record<string, string | number>,
): Promise<number> {
  return counted(
    executor,
    sql`${COLUMNS}
        select ${MESSAGE_ID}, s.seeker_id, ${plan.reason}, ${plan.topic}, ch, ${plan.template}, ${JSON.stringify(params)}::jsonb,
               ${LINK_CODE}, ${plan.now.toISOString()}::timestamptz, ${plan.now.toISOString()}::timestamptz
        from seekers k
        join subscriptions s on s.seeker_id = k.id
        cross join lateral unnest(s.channels) as ch
        where ${segmentWhere(segment)} and ${listening(plan.topic)}`,
  );
}

/**
 * The same for the next `size` seekers of the segment after `after` (by id): a broadcast to
 * hundreds of thousands goes in chunks, each its own short transaction, so the embedded
 * database (one connection) keeps answering requests in between. Returns the last seeker id
 * of the chunk (null when there were none) and how many messages it planned.
 */
export async function planSegmentChunk(
  executor: Executor,
  plan: Plan,
  segment: Segment,
  params: Record<string, string | number>,
  chunk: { after: string | null; size: number },
): Promise<{ last: string | null; planned: number; seekers: number }> {
  const [row] = await queryRows<{ last: string | null; planned: number; seekers: number }>(
    executor,
    // Walks the seekers' primary key from the cursor (a semi-join, not a join and a sort), so
    // each chunk reads about its own rows however far into the list it is.
    sql`with chunk as (
          select k.id from seekers k
          where k.id > ${chunk.after ?? ''} and ${segmentWhere(segment)}
            and exists (select 1 from subscriptions s where s.seeker_id = k.id and ${listening(plan.topic)})
          order by k.id limit ${chunk.size}
        ), planned as (
          ${COLUMNS}
          select ${MESSAGE_ID}, s.seeker_id, ${plan.reason}, ${plan.topic}, ch, ${plan.template}, ${JSON.stringify(params)}::jsonb,
                 ${LINK_CODE}, ${plan.now.toISOString()}::timestamptz, ${plan.now.toISOString()}::timestamptz
          from chunk c join subscriptions s on s.seeker_id = c.id
          cross join lateral unnest(s.channels) as ch
          on conflict do nothing returning 1
        )
        select (select max(id) from chunk) as last, (select count(*)::int from planned) as planned,
               (select count(*)::int from chunk) as seekers`,
  );
  return { last: row?.last ?? null, planned: row?.planned ?? 0, seekers: row?.seekers ?? 0 };
}

/** What a segment plan would make, counted by the same conditions: people, and messages (one per channel). */
export async function previewSegment(executor: Executor, topic: NotificationTopic, segment: Segment) {
  const [row] = await queryRows<{ people: number; messages: number }>(
    executor,
    sql`select count(distinct k.id)::int as people, count(*)::int as messages
        from seekers k
        join subscriptions s on s.seeker_id = k.id
        cross join lateral unnest(s.channels) as ch
        where ${segmentWhere(segment)} and ${listening(topic)}`,
  );
  return { people: row?.people ?? 0, messages: row?.messages ?? 0 };
}
