CREATE TABLE `admin_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`sub` text NOT NULL,
	`role` text NOT NULL,
	`method` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE INDEX `admin_sessions_sub_idx` ON `admin_sessions` (`sub`);--> statement-breakpoint
CREATE INDEX `admin_sessions_expires_idx` ON `admin_sessions` (`expires_at`);