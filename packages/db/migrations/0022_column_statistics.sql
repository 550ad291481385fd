-- An ANALYZE holds PGlite's one connection (on a server it is autovacuum's work): statistics
-- only for the columns plans read. Viewers: the session, the order they are read in, the
-- staff's list (by id, with or without a call-back number); of 200,000 viewers that took
-- 63–70 ms instead of 220–300 ms. An event's payload: no plan reads its statistics (the
-- feeds' `payload->>` filters are expressions, estimated without them); half the table's.
ALTER TABLE "livestream_viewers" ALTER COLUMN "platform_user_id" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "livestream_viewers" ALTER COLUMN "seeker_id" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "livestream_viewers" ALTER COLUMN "region_code" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "livestream_viewers" ALTER COLUMN "skill_codes" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "livestream_viewers" ALTER COLUMN "expected_monthly_wage" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "livestream_viewers" ALTER COLUMN "token_hash" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "livestream_viewers" ALTER COLUMN "callback_consented_at" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "livestream_viewers" ALTER COLUMN "registered_at" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "outbox_events" ALTER COLUMN "payload" SET STATISTICS 0;
--> statement-breakpoint
-- A vacancy's text and documents, an audit entry's detail and a message's parameters are shown,
-- never filtered on (a vacancy's skills are: the list's `@>` estimates from their statistics).
-- Of 50,000 vacancies with a short description: 545–569 ms instead of 780–879 ms.
ALTER TABLE "vacancies" ALTER COLUMN "title" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "vacancies" ALTER COLUMN "description" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "vacancies" ALTER COLUMN "preferred_skills" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "vacancies" ALTER COLUMN "required_certificates" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "vacancies" ALTER COLUMN "address" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "vacancies" ALTER COLUMN "terms" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "vacancies" ALTER COLUMN "tags" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "detail" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "notification_messages" ALTER COLUMN "params" SET STATISTICS 0;
