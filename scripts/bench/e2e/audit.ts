// After the run, with the system stopped: the rows themselves, held against what the workload
// was told and what the webhook receiver got. Each check names what it compares.
import { type Database, queryRows, sql } from '@duijie/db';

export type Check = { name: string; ok: boolean; detail: string };

/** What the workload saw succeed: each must be in the rows, once. */
export type Expected = {
  vacancies: number;
  seekers: number;
  checkins: number;
  intents: number;
  placements: number;
  viewers: number;
  broadcastId: string | null;
};

const one = async <T extends Record<string, unknown>>(db: Database, query: ReturnType<typeof sql>) => {
  const [row] = await queryRows<T>(db, query);
  if (!row) throw new Error('the audit query answered no row');
  return row;
};

export async function audit(
  db: Database,
  expected: Expected,
  webhooks: { received: ReadonlyMap<string, number>; badSignatures: number },
): Promise<Check[]> {
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });

  const outbox = await one<{ events: number; done: number; pending: number; dead: number; consumers: number }>(
    db,
    sql`select (select count(*)::int from outbox_events) as events,
               count(*) filter (where status = 'done')::int as done,
               count(*) filter (where status = 'pending')::int as pending,
               count(*) filter (where status = 'dead')::int as dead,
               (select count(*)::int from outbox_consumers) as consumers
        from outbox_deliveries`,
  );
  check(
    'outbox empty',
    outbox.pending === 0 && outbox.dead === 0,
    `${outbox.events.toLocaleString('en')} events, ${outbox.done.toLocaleString('en')} deliveries done to ${outbox.consumers} consumers, ${outbox.pending} pending, ${outbox.dead} dead`,
  );

  const index = await one<{ vacancies: number; documents: number; missing: number; stale: number; extra: number }>(
    db,
    sql`select (select count(*)::int from vacancies) as vacancies,
               (select count(*)::int from vacancy_index) as documents,
               count(*) filter (where i.id is null)::int as missing,
               count(*) filter (where i.id is not null and (i.version <> v.version or i.status <> v.status
                                or i.employer_blacklisted <> e.blacklisted
                                or cardinality(i.fair_ids) <> (select count(*) from fair_vacancies f where f.vacancy_id = v.id)
                                or cardinality(i.livestream_ids) <> (select count(*) from livestream_vacancies l where l.vacancy_id = v.id)))::int as stale,
               (select count(*)::int from vacancy_index x where not exists (select 1 from vacancies y where y.id = x.id)) as extra
        from vacancies v join employers e on e.id = v.employer_id left join vacancy_index i on i.id = v.id`,
  );
  check(
    'index in step',
    index.missing === 0 && index.stale === 0 && index.extra === 0,
    `${index.documents.toLocaleString('en')} documents for ${index.vacancies.toLocaleString('en')} vacancies: ${index.missing} missing, ${index.stale} behind (version, status, blacklisting, fairs, livestreams), ${index.extra} without a vacancy`,
  );

  const rows = await one<{
    vacancies: number;
    seekers: number;
    checkins: number;
    intents: number;
    placements: number;
    filled: number;
    viewers: number;
    follow_ups: number;
  }>(
    db,
    sql`select (select count(*)::int from vacancies) as vacancies, (select count(*)::int from seekers) as seekers,
               (select count(*)::int from fair_checkins) as checkins, (select count(*)::int from intents where context_id like 'fai%') as intents,
               (select count(*)::int from placements) as placements, (select coalesce(sum(filled_count), 0)::int from vacancies) as filled,
               (select count(*)::int from livestream_viewers) as viewers, (select count(*)::int from follow_ups) as follow_ups`,
  );
  const pairs: [string, number, number][] = [
    ['vacancies', rows.vacancies, expected.vacancies],
    ['seekers', rows.seekers, expected.seekers],
    ['check-ins', rows.checkins, expected.checkins],
    ['fair intents', rows.intents, expected.intents],
    ['placements', rows.placements, expected.placements],
    ['livestream viewers', rows.viewers, expected.viewers],
  ];
  const off = pairs.filter(([, got, want]) => got !== want);
  check(
    'every write acknowledged is stored, once',
    off.length === 0,
    pairs
      .map(([what, got, want]) => (got === want ? `${what} ${got}` : `${what} ${got} ≠ ${want} answered`))
      .join(', '),
  );
  check(
    'filled counts follow placements',
    rows.filled === rows.placements && rows.follow_ups === rows.placements * 3,
    `filled places ${rows.filled}, placements ${rows.placements}, follow-ups scheduled ${rows.follow_ups} (3 each)`,
  );

  const messages = await queryRows<{ channel: string; status: string; later: boolean; n: number }>(
    db,
    sql`select channel, status, (status = 'planned' and available_at > now()) as later, count(*)::int as n
        from notification_messages group by 1, 2, 3 order by 1, 2, 3`,
  );
  const count = (f: (m: (typeof messages)[number]) => boolean) => messages.filter(f).reduce((sum, m) => sum + m.n, 0);
  const stuck = count((m) => m.status === 'sending' || (m.status === 'planned' && !m.later));
  const sentHooks = await queryRows<{ id: string }>(
    db,
    sql`select id from notification_messages where channel = 'webhook' and status = 'sent'`,
  );
  const sentIds = new Set(sentHooks.map((m) => m.id));
  const twice = [...webhooks.received.values()].filter((n) => n > 1).length;
  const notSent = [...webhooks.received.keys()].filter((id) => !sentIds.has(id)).length;
  const notReceived = [...sentIds].filter((id) => !webhooks.received.has(id)).length;
  check(
    'deliveries accounted for',
    stuck === 0 && twice === 0 && notSent === 0 && notReceived === 0 && webhooks.badSignatures === 0,
    `${messages.map((m) => `${m.channel} ${m.status}${m.later ? ' (later: quiet hours, daily cap)' : ''} ${m.n}`).join(', ') || 'no messages'}; ` +
      `webhook: ${sentIds.size} sent = ${webhooks.received.size} received (${twice} twice, ${notSent} received but not sent, ${notReceived} sent but not received, ${webhooks.badSignatures} bad signatures); ${stuck} due but not sent`,
  );
  if (expected.broadcastId) {
    const b = await one<{ planned: number | null; messages: number }>(
      db,
      sql`select b.planned, (select count(*)::int from notification_messages m where m.reason = ${`broadcast:${expected.broadcastId}`}) as messages
          from broadcasts b where b.id = ${expected.broadcastId}`,
    );
    check(
      'the broadcast planned in full',
      b.planned !== null && b.planned === b.messages,
      `planned ${b.planned ?? 'not finished'}, messages ${b.messages}`,
    );
  }
  return checks;
}
