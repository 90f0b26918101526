CREATE TABLE `batch_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`priority` integer NOT NULL,
	`connection_ids` text NOT NULL,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `batch_jobs_status_idx` ON `batch_jobs` (`status`);--> statement-breakpoint
CREATE INDEX `batch_jobs_expires_idx` ON `batch_jobs` (`expires_at`);--> statement-breakpoint
CREATE INDEX `batch_jobs_created_idx` ON `batch_jobs` (`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `batch_tasks` (
	`batch_id` text NOT NULL,
	`connection_id` text NOT NULL,
	`position` integer NOT NULL,
	`status` text NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`result` text,
	`error` text,
	PRIMARY KEY(`batch_id`, `connection_id`),
	FOREIGN KEY (`batch_id`) REFERENCES `batch_jobs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `connection_credentials` (
	`connection_id` text PRIMARY KEY NOT NULL,
	`key_id` text NOT NULL,
	`iv` text NOT NULL,
	`ciphertext` text NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `connection_credentials_key_id_idx` ON `connection_credentials` (`key_id`);--> statement-breakpoint
CREATE TABLE `connections` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`exchange` text NOT NULL,
	`api_type` text NOT NULL,
	`margin_type` text,
	`position_mode` text,
	`is_testnet` integer NOT NULL,
	`environment` text NOT NULL,
	`key_type` text NOT NULL,
	`api_key_masked` text NOT NULL,
	`state` text NOT NULL,
	`is_enabled` integer GENERATED ALWAYS AS ((state <> 'disabled')) VIRTUAL,
	`is_active` integer GENERATED ALWAYS AS ((state = 'active')) VIRTUAL,
	`last_test_at` integer,
	`last_test_success` integer,
	`last_error` text,
	`last_balance` real,
	`last_balance_currency` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `connections_exchange_api_type_idx` ON `connections` (`exchange`,`api_type`);--> statement-breakpoint
CREATE INDEX `connections_state_idx` ON `connections` (`state`);--> statement-breakpoint
CREATE INDEX `connections_created_idx` ON `connections` (`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `health_samples` (
	`id` integer PRIMARY KEY NOT NULL,
	`connection_id` text NOT NULL,
	`at` integer NOT NULL,
	`success` integer NOT NULL,
	`response_time_ms` integer NOT NULL,
	`error_code` text
);
--> statement-breakpoint
CREATE INDEX `health_samples_connection_at_idx` ON `health_samples` (`connection_id`,`at`);--> statement-breakpoint
CREATE INDEX `health_samples_at_idx` ON `health_samples` (`at`);--> statement-breakpoint
CREATE TABLE `test_results` (
	`id` text PRIMARY KEY NOT NULL,
	`connection_id` text NOT NULL,
	`started_at` integer NOT NULL,
	`success` integer NOT NULL,
	`duration_ms` integer NOT NULL,
	`error_code` text,
	`log` text NOT NULL,
	`result` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `test_results_connection_started_idx` ON `test_results` (`connection_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `test_results_started_idx` ON `test_results` (`started_at`);