import { setImmediate } from 'node:timers/promises';
import {
  type ChannelName,
  type Database,
  deliveryAttempts,
  type Executor,
  insertMany,
  type NotificationMessageRow,
  notificationMessages,
  queryRows,
  type SubscriptionRow,
  sinkDeliveries,
  sql,
  subscriptions,
} from '@duijie/db';
import { backoff } from '@duijie/service-kit';
import { inArray } from 'drizzle-orm';
import { type Channel, DeliveryError } from './channels/port.ts';
import { beijingDayStart, inQuietHours, nextBeijing, tomorrowAt } from './clock.ts';
import { unsubscribeUrl } from './opt-out.ts';
import { render, type TemplateName } from './templates.ts';

export type DeliveryOptions = {
  /** Messages claimed at a time (default 500; the service takes 50 on PGlite, see app.ts). */
  batchSize?: number;
  /** A claimed message another worker may take over after this long (its sender died). */
  leaseMs?: number;
  /** Attempts before a message is dead. */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** At most this many sends to outside channels at once. */
  concurrency?: number;
  /** Where short links point: the gateway's public address. */
  publicUrl: string;
};

/** Channels that reach a phone, and so keep quiet at night. */
const QUIET_CHANNELS: readonly ChannelName[] = ['sms', 'wechat'];

type Outcome =
  | { kind: 'sent'; response: string }
  | { kind: 'deferred'; until: Date; why: 'quiet_hours' | 'daily_cap' }
  | { kind: 'cancelled'; why: string }
  /** A job alert not among the day's best within the cap: it gives way, it never waits for tomorrow. */
  | { kind: 'expired'; why: 'daily_cap' }
  /** A job alert whose vacancy is no longer open. */
  | { kind: 'dropped'; why: string }
  | { kind: 'failed'; error: string; retryable: boolean };

type Claimed = NotificationMessageRow;

const inList = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** A job alert: "a new job for you", about one vacancy. Invitations, fairs and broadcasts are not. */
const VACANCY = 'vacancy:';
const isJobAlert = (m: { reason: string }) => m.reason.startsWith(VACANCY);

/** What a batch's decisions need to know of its seekers and vacancies, read once per batch. */
type Situation = {
  subs: Map<string, SubscriptionRow>;
  /** Messages sent today, per seeker (grows as the batch sends). */
  sentToday: Map<string, number>;
  /** The status of each job alert's vacancy (absent: the vacancy is gone). */
  vacancyStatus: Map<string, string>;
  /** Per seeker, their best due job alerts of open vacancies, best first, at most their cap (shrinks as the batch decides). */
  best: Map<string, string[]>;
};
type SinkDelivery = { messageId: string; seekerId: string; body: string; deliveredAt: Date };
/** A message for an outside channel, ready to send. */
type Outside = {
  message: Claimed;
  address: string;
  channel: Channel;
  text: ReturnType<typeof render>;
  unsubscribeUrl: string;
};

/**
 * Sends planned messages. Locks a batch (FOR UPDATE SKIP LOCKED, so workers race safely),
 * decides each — opted out: cancelled; a job alert whose vacancy closed or filled: dropped;
 * SMS in quiet hours: deferred to their end; a job alert not among the seeker's best due
 * alerts within what is left of today's cap: expired; anything else over the cap (a
 * broadcast, a fair, an invitation): deferred to tomorrow; else sent. Everything that needs
 * no outside channel — the local sink's deliveries above all, a broadcast's bulk — is
 * settled with its attempt in that same transaction: one write of the message, no lease, and
 * a worker killed at any point neither loses nor repeats a sink delivery. Outside channels
 * are leased in it and sent after it: a worker killed in between leaves the message to be
 * sent again when its lease ends, with the same `Idempotency-Key` (the message id).
 */
export class DeliveryWorker {
  /** Told of every recorded outcome (the service counts them for Prometheus). */
  onOutcome: (channel: string, outcome: Outcome['kind']) => void = () => {};

  constructor(
    private readonly db: Database,
    private readonly channels: Partial<Record<ChannelName, Channel>>,
    private readonly options: DeliveryOptions,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Messages not yet sent: due now, waiting (quiet hours, daily cap, a retry's backoff), being sent. */
  async queue(): Promise<{ due: number; waiting: number; sending: number }> {
    const now = this.clock().toISOString();
    const [row] = await queryRows<{ due: number; waiting: number; sending: number }>(
      this.db,
      sql`select count(*) filter (where status = 'planned' and available_at <= ${now}::timestamptz)::int as due,
                 count(*) filter (where status = 'planned' and available_at > ${now}::timestamptz)::int as waiting,
                 count(*) filter (where status = 'sending')::int as sending
          from notification_messages where status in ('planned', 'sending')`,
    );
    return row ?? { due: 0, waiting: 0, sending: 0 };
  }

  /**
   * Locks the next due messages (and any whose lease ran out) for this transaction, writing
   * nothing: FOR UPDATE SKIP LOCKED, so workers race safely. Two index scans, each stopping
   * at the batch size: a single OR over both would sort every planned message each time.
   */
  async #due(tx: Executor, now: Date): Promise<Claimed[]> {
    const limit = this.options.batchSize ?? 500;
    return queryRows<Claimed>(
      tx,
      sql`select m.id, m.seeker_id as "seekerId", m.reason, m.topic, m.channel, m.status, m.template, m.params,
                 m.link_code as "linkCode", m.attempts, m.available_at as "availableAt", m.lease_until as "leaseUntil",
                 m.deferred_for as "deferredFor", m.last_error as "lastError", m.sent_at as "sentAt",
                 m.created_at as "createdAt", m.score
          from notification_messages m
          where m.id in (
            (select id from notification_messages
             where status = 'planned' and available_at <= ${now.toISOString()}::timestamptz
             order by available_at limit ${limit})
            union all
            (select id from notification_messages
             where status = 'sending' and lease_until < ${now.toISOString()}::timestamptz
             limit ${limit}))
          limit ${limit}
          for update skip locked`,
    );
  }

  /**
   * One batch. In one transaction: lock the due messages, decide each, settle every one that
   * needs no outside channel — with the sink's row and the attempt — and lease the rest. Then
   * send those and settle them, if their lease is still theirs. A worker killed inside the
   * transaction leaves its batch as it was; killed while sending, its messages go again when
   * the lease ends, with the same `Idempotency-Key` (the message id).
   */
  async runOnce(): Promise<number> {
    const now = this.clock();
    const lease = new Date(now.getTime() + (this.options.leaseMs ?? 60_000));
    const batch = await this.db.transaction(async (tx) => {
      const claimed = await this.#due(tx, now);
      if (claimed.length === 0) return null;
      const { outcomes, sink, outside } = this.#decideBatch(claimed, now, await this.#situation(tx, claimed, now));
      const leased = new Set(outside.map((o) => o.message.id));
      if (leased.size > 0) {
        await tx
          .update(notificationMessages)
          .set({ status: 'sending', leaseUntil: lease })
          .where(inArray(notificationMessages.id, [...leased]));
      }
      const settled = await this.#record(
        tx,
        claimed.filter((m) => !leased.has(m.id)),
        outcomes,
        sink,
        now,
      );
      return { size: claimed.length, outcomes, outside, settled };
    });
    if (!batch) return 0;
    this.#count(batch.settled, batch.outcomes);
    if (batch.outside.length > 0) {
      await this.#sendOutside(batch.outside, batch.outcomes);
      const sentAt = this.clock();
      const settled = await this.db.transaction((tx) =>
        this.#record(
          tx,
          batch.outside.map((o) => ({ ...o.message, status: 'sending', leaseUntil: lease })),
          batch.outcomes,
          [],
          sentAt,
        ),
      );
      this.#count(settled, batch.outcomes);
    }
    return batch.size;
  }

  /** What becomes of each message of a batch, the sink's deliveries and the sends to outside channels. */
  #decideBatch(claimed: readonly Claimed[], now: Date, situation: Situation) {
    const { subs, sentToday } = situation;
    const outcomes = new Map<string, Outcome>();
    const sink: SinkDelivery[] = [];
    const outside: Outside[] = [];
    // Broadcasts, fairs and invitations first (they wait when over the cap, so they take their
    // place first), then job alerts best first: the cap goes to the day's best.
    const order = [...claimed].sort(
      (a, b) =>
        Number(isJobAlert(a)) - Number(isJobAlert(b)) ||
        (isJobAlert(a) ? (b.score ?? Number.NEGATIVE_INFINITY) - (a.score ?? Number.NEGATIVE_INFINITY) : 0),
    );
    for (const message of order) {
      const sub = subs.get(message.seekerId);
      const decided = this.#decide(message, sub, now, situation);
      if (decided) {
        outcomes.set(message.id, decided);
        continue;
      }
      const s = sub as SubscriptionRow;
      sentToday.set(message.seekerId, (sentToday.get(message.seekerId) ?? 0) + 1);
      const rendered = render(
        message.template as TemplateName,
        { ...message.params, link: `${this.options.publicUrl}/v1/notifications/l/${message.linkCode}` },
        { sms: message.channel === 'sms' },
      );
      if (message.channel === 'sink') {
        sink.push({ messageId: message.id, seekerId: message.seekerId, body: rendered.text, deliveredAt: now });
        outcomes.set(message.id, { kind: 'sent', response: 'sink' });
        continue;
      }
      const channel = this.channels[message.channel];
      const address = s.addresses[message.channel];
      if (!channel || !address) {
        outcomes.set(message.id, {
          kind: 'failed',
          error: channel ? `no ${message.channel} address` : `no ${message.channel} channel configured`,
          retryable: false,
        });
        continue;
      }
      outside.push({
        message,
        address,
        channel,
        text: rendered,
        unsubscribeUrl: unsubscribeUrl(this.options.publicUrl, s.unsubscribeToken),
      });
    }
    return { outcomes, sink, outside };
  }

  /** One query each: subscriptions, today's sends, the job alerts' vacancies and each seeker's best due alerts. */
  async #situation(tx: Executor, claimed: readonly Claimed[], now: Date): Promise<Situation> {
    const seekerIds = [...new Set(claimed.map((m) => m.seekerId))];
    const subs = new Map(
      (await tx.select().from(subscriptions).where(inArray(subscriptions.seekerId, seekerIds))).map((s) => [
        s.seekerId,
        s,
      ]),
    );
    const sentToday = new Map(
      (
        await queryRows<{ seeker_id: string; n: number }>(
          tx,
          sql`select seeker_id, count(*)::int as n from notification_messages
              where status = 'sent' and sent_at >= ${beijingDayStart(now).toISOString()}::timestamptz
                and seeker_id in (${inList(seekerIds)})
              group by seeker_id`,
        )
      ).map((r) => [r.seeker_id, r.n]),
    );
    const alerts = claimed.filter(isJobAlert);
    const vacancyStatus = new Map<string, string>();
    const best = new Map<string, string[]>();
    if (alerts.length > 0) {
      const vacancyIds = [...new Set(alerts.map((m) => m.reason.slice(VACANCY.length)))];
      for (const v of await queryRows<{ id: string; status: string }>(
        tx,
        sql`select id, status from vacancies where id in (${inList(vacancyIds)})`,
      )) {
        vacancyStatus.set(v.id, v.status);
      }
      // Every due job alert of these seekers counts, not only this batch's: a better one another
      // worker holds, or the next batch will claim, keeps its place within the cap.
      const alerted = [...new Set(alerts.map((m) => m.seekerId))];
      for (const row of await queryRows<{ seeker_id: string; id: string }>(
        tx,
        sql`select seeker_id, id from (
              select m.seeker_id, m.id, s.daily_cap,
                     row_number() over (partition by m.seeker_id order by m.score desc nulls last, m.created_at, m.id) as r
              from notification_messages m
              join subscriptions s on s.seeker_id = m.seeker_id
              join vacancies v on v.id = substr(m.reason, ${VACANCY.length + 1}) and v.status = 'open'
              where m.seeker_id in (${inList(alerted)}) and m.reason like ${`${VACANCY}%`}
                and ((m.status = 'planned' and m.available_at <= ${now.toISOString()}::timestamptz) or m.status = 'sending')
            ) ranked
            where r <= daily_cap
            order by seeker_id, r`,
      )) {
        const list = best.get(row.seeker_id) ?? [];
        list.push(row.id);
        best.set(row.seeker_id, list);
      }
    }
    return { subs, sentToday, vacancyStatus, best };
  }

  #decide(message: Claimed, sub: SubscriptionRow | undefined, now: Date, situation: Situation): Outcome | null {
    const decided = this.#decideAlone(message, sub, now, situation);
    // Decided either way: it no longer holds a place among the seeker's best.
    const best = situation.best.get(message.seekerId);
    const at = best?.indexOf(message.id) ?? -1;
    if (best && at >= 0) best.splice(at, 1);
    return decided;
  }

  #decideAlone(message: Claimed, sub: SubscriptionRow | undefined, now: Date, situation: Situation): Outcome | null {
    if (!sub || sub.optedOutAt) return { kind: 'cancelled', why: 'opted out' };
    if (!(sub.channels as string[]).includes(message.channel)) return { kind: 'cancelled', why: 'channel turned off' };
    const alert = isJobAlert(message);
    if (alert) {
      const status = situation.vacancyStatus.get(message.reason.slice(VACANCY.length));
      if (status !== 'open') return { kind: 'dropped', why: `vacancy ${status ?? 'gone'}` };
    }
    if (QUIET_CHANNELS.includes(message.channel) && inQuietHours(now, sub.quietFrom, sub.quietUntil)) {
      return { kind: 'deferred', until: nextBeijing(now, sub.quietUntil), why: 'quiet_hours' };
    }
    const left = sub.dailyCap - (situation.sentToday.get(message.seekerId) ?? 0);
    if (alert) {
      // Among the seeker's best due alerts, within what is left of today's cap; else it gives way.
      const place = situation.best.get(message.seekerId)?.indexOf(message.id) ?? -1;
      if (place < 0 || place >= left) return { kind: 'expired', why: 'daily_cap' };
      return null;
    }
    if (left <= 0) {
      return { kind: 'deferred', until: tomorrowAt(now, sub.quietUntil), why: 'daily_cap' };
    }
    return null;
  }

  async #sendOutside(outside: Outside[], outcomes: Map<string, Outcome>) {
    let next = 0;
    const lanes = Array.from({ length: Math.min(this.options.concurrency ?? 10, outside.length) }, async () => {
      while (next < outside.length) {
        const { message, address, channel, text, unsubscribeUrl } = outside[next++] as Outside;
        try {
          const response = await channel.send({
            messageId: message.id,
            seekerId: message.seekerId,
            address,
            rendered: text,
            sms: message.channel === 'sms',
            unsubscribeUrl,
          });
          outcomes.set(message.id, { kind: 'sent', response });
        } catch (err) {
          const retryable = err instanceof DeliveryError ? err.retryable : true;
          const response = err instanceof DeliveryError && err.response ? ` (${err.response})` : '';
          outcomes.set(message.id, { kind: 'failed', error: `${(err as Error).message}${response}`, retryable });
        }
      }
    });
    await Promise.all(lanes);
  }

  /**
   * Writes the outcomes, the attempts and the sink's deliveries, in the caller's transaction —
   * only for messages still ours: locked by this transaction, or leased by this worker and
   * still in its lease (a worker that outlived its lease writes nothing).
   */
  async #record(
    tx: Executor,
    messages: readonly Claimed[],
    outcomes: Map<string, Outcome>,
    sink: readonly SinkDelivery[],
    now: Date,
  ): Promise<Claimed[]> {
    if (messages.length === 0) return [];
    const max = this.options.maxAttempts ?? 5;
    const rows = messages.map((m) => this.#settlement(m, outcomes.get(m.id) as Outcome, now, max));
    const settled = await queryRows<{ id: string }>(
      tx,
      sql`update notification_messages m set status = x.status, attempts = x.attempts, available_at = x.available_at,
            sent_at = x.sent_at, deferred_for = x.deferred_for, last_error = x.last_error, lease_until = null
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id text, was text, lease timestamptz, status text,
            attempts int, available_at timestamptz, sent_at timestamptz, deferred_for text, last_error text)
          where m.id = x.id and m.status = x.was and m.lease_until is not distinct from x.lease
          returning m.id`,
    );
    const ours = new Set(settled.map((r) => r.id));
    await insertMany(
      tx,
      sinkDeliveries,
      sink.filter((s) => ours.has(s.messageId)),
    );
    await insertMany(
      tx,
      deliveryAttempts,
      messages
        .filter((m) => ours.has(m.id))
        .map((m) => {
          const o = outcomes.get(m.id) as Outcome;
          return {
            messageId: m.id,
            attempt: m.attempts + 1,
            channel: m.channel,
            outcome: o.kind,
            response: o.kind === 'sent' ? o.response : o.kind === 'failed' ? o.error : o.why,
            at: now,
          };
        }),
    );
    return messages.filter((m) => ours.has(m.id));
  }

  /** Tells onOutcome of what a committed transaction settled. */
  #count(settled: readonly Claimed[], outcomes: Map<string, Outcome>) {
    for (const m of settled) this.onOutcome(m.channel, (outcomes.get(m.id) as Outcome).kind);
  }

  /** A message's row after its outcome. */
  #settlement(m: Claimed, o: Outcome, now: Date, max: number) {
    const attempt = m.attempts + 1;
    const base = { id: m.id, was: m.status, lease: m.leaseUntil ? new Date(m.leaseUntil).toISOString() : null };
    if (o.kind === 'sent') {
      return {
        ...base,
        status: 'sent',
        attempts: attempt,
        available_at: now,
        sent_at: now,
        deferred_for: null,
        last_error: null,
      };
    }
    if (o.kind === 'deferred') {
      return {
        ...base,
        status: 'planned',
        attempts: m.attempts,
        available_at: o.until,
        sent_at: null,
        deferred_for: o.why,
        last_error: null,
      };
    }
    if (o.kind === 'cancelled' || o.kind === 'expired' || o.kind === 'dropped') {
      return {
        ...base,
        status: o.kind,
        attempts: m.attempts,
        available_at: now,
        sent_at: null,
        deferred_for: null,
        last_error: o.why,
      };
    }
    const dead = !o.retryable || attempt >= max;
    return {
      ...base,
      status: dead ? 'dead' : 'planned',
      attempts: attempt,
      available_at: dead
        ? now
        : new Date(
            now.getTime() +
              backoff(attempt, {
                baseMs: this.options.backoffBaseMs ?? 2000,
                maxMs: this.options.backoffMaxMs ?? 300_000,
              }),
          ),
      sent_at: null,
      deferred_for: null,
      last_error: o.error.slice(0, 500),
    };
  }

  /** Delivers until nothing is due; for tests, benchmarks and scripts. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.runOnce();
      if (n === 0) return total;
      total += n;
      // Give the event loop back between batches: on PGlite the queries never wait on I/O.
      await setImmediate();
    }
  }
}
