CREATE TABLE `limiter_saves` (
	`id` integer PRIMARY KEY NOT NULL,
	`saved_at` integer NOT NULL,
	`clean` integer NOT NULL,
	`interval_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `limiter_scopes` (
	`key` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`saved_at` integer NOT NULL
);
