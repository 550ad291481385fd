import { z } from 'zod';
import { idOf, PlaceName, RegionCode, SeekerId, Timestamp } from './common.ts';
import { PriorityGroup } from './priority-group.ts';
import { EmploymentStatus, Phone } from './seeker.ts';

export const BroadcastId = idOf('brd');
export const ChannelName = z.enum(['sms', 'wechat', 'email', 'webhook', 'sink']);
export const NotificationTopic = z.enum(['jobs', 'fairs', 'livestreams', 'policies']);
const Minutes = z.int().min(0).max(1439).describe('minutes after midnight, Beijing time');

export const SubscriptionInput = z.object({
  channels: z.array(ChannelName).max(5).describe('sink: the local log, the default in development'),
  topics: z.array(NotificationTopic).max(4).default(['jobs', 'fairs', 'livestreams', 'policies']),
  addresses: z
    .object({
      sms: Phone.optional().describe('default: the seeker’s phone on the list'),
      wechat: z.string().min(1).max(64).optional().describe('WeChat / mini-program open id'),
      email: z.email().optional(),
      webhook: z
        .url({ protocol: /^https?$/ })
        .optional()
        .describe('a partner’s receiver, e.g. a village officer’s group bot'),
    })
    .default({}),
  quietFrom: Minutes.default(22 * 60),
  quietUntil: Minutes.default(8 * 60),
  dailyCap: z.int().min(1).max(20).default(3),
});

export const Subscription = z
  .object({
    seekerId: SeekerId,
    channels: z.array(ChannelName),
    topics: z.array(NotificationTopic),
    addresses: z.record(z.string(), z.string()).describe('masked'),
    quietFrom: z.int(),
    quietUntil: z.int(),
    dailyCap: z.int(),
    optedOut: z.boolean(),
    unsubscribeUrl: z
      .string()
      .describe('the link in every message, no login: opening it (GET) asks to confirm, a POST to it opts out'),
    version: z.int(),
  })
  .meta({ id: 'Subscription' });

export const Segment = z.object({
  regionCodes: z.array(RegionCode).max(100).default([]).describe('any level; empty: the whole of your region'),
  regions: z
    .array(PlaceName)
    .max(100)
    .default([])
    .describe(
      'regions by name (凤凰县, 湘西州凤凰县), as well as or instead of codes: read at the door into regionCodes',
    ),
  priorityGroups: z.array(PriorityGroup).max(10).default([]),
  employmentStatuses: z.array(EmploymentStatus).max(6).default([]),
});

export const BroadcastInput = z.object({
  title: z.string().min(1).max(30),
  body: z.string().min(1).max(300),
  segment: Segment,
});

export const BroadcastPreview = z
  .object({
    people: z.int().describe('seekers of the segment listening to policies'),
    messages: z.int().describe('messages it would plan: one per person and channel'),
  })
  .meta({ id: 'BroadcastPreview' });

export const Broadcast = z
  .object({
    id: BroadcastId,
    title: z.string(),
    body: z.string(),
    segment: Segment,
    createdBy: z.string(),
    createdAt: Timestamp,
    planned: z.int().nullable().describe('null until planned (moments after it is created)'),
    outcomes: z.record(z.string(), z.int()).describe('messages by status: planned, sending, sent, dead, cancelled'),
  })
  .meta({ id: 'Broadcast' });

export const NotificationLog = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        reason: z.string(),
        topic: NotificationTopic,
        channel: ChannelName,
        status: z
          .string()
          .describe(
            'planned, sending, sent, dead, cancelled; a job alert also expired (over the daily cap) or dropped (its vacancy closed)',
          ),
        attempts: z.int(),
        availableAt: Timestamp,
        deferredFor: z.string().nullable(),
        lastError: z.string().nullable(),
        sentAt: Timestamp.nullable(),
        interestedAt: Timestamp.nullable().describe('when the seeker pressed "我有意向" on the page behind its link'),
        log: z.array(
          z.object({ attempt: z.int(), outcome: z.string(), response: z.string().nullable(), at: Timestamp }),
        ),
      }),
    ),
  })
  .meta({ id: 'NotificationLog' });
