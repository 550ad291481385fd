ALTER TABLE "notification_messages" ADD COLUMN "score" real;--> statement-breakpoint
-- Job alerts no longer wait for the next day over a seeker's daily cap: the pile deferred
-- before this release expires now instead of trickling out for weeks.
UPDATE "notification_messages" SET "status" = 'expired', "deferred_for" = NULL, "last_error" = 'daily cap: expired when job alerts began to give way'
WHERE "status" = 'planned' AND "deferred_for" = 'daily_cap' AND "reason" LIKE 'vacancy:%';
