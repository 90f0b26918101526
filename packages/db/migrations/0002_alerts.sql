CREATE TABLE `alert_attempts` (
	`id` integer PRIMARY KEY NOT NULL,
	`delivery_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`at` integer NOT NULL,
	`duration_ms` integer NOT NULL,
	`http_status` integer,
	`error` text,
	`outcome` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `alert_attempts_delivery_idx` ON `alert_attempts` (`delivery_id`,`attempt`);--> statement-breakpoint
CREATE TABLE `alert_channels` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`enabled` integer NOT NULL,
	`filters` text NOT NULL,
	`settings` text NOT NULL,
	`masked` text NOT NULL,
	`key_id` text NOT NULL,
	`iv` text NOT NULL,
	`ciphertext` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `alert_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`kind` text NOT NULL,
	`event` text NOT NULL,
	`since` integer,
	`status` text NOT NULL,
	`attempts` integer NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`claimed_until` integer,
	`last_status` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`delivered_at` integer
);
--> statement-breakpoint
CREATE INDEX `alert_deliveries_due_idx` ON `alert_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `alert_deliveries_created_idx` ON `alert_deliveries` (`created_at`);--> statement-breakpoint
CREATE TABLE `alert_locks` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`until` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `alert_outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `alert_states` (
	`fingerprint` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`event` text NOT NULL,
	`since` integer NOT NULL,
	`notified_at` integer NOT NULL,
	`next_reminder_at` integer NOT NULL,
	`resolve_at` integer,
	`resolved_event` text,
	`channel_ids` text NOT NULL,
	`due_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `alert_states_due_idx` ON `alert_states` (`due_at`);