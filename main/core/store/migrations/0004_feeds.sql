CREATE TABLE `feed_files` (
	`id` integer PRIMARY KEY NOT NULL,
	`feed_id` integer NOT NULL,
	`name` text NOT NULL,
	`bytes` integer NOT NULL,
	`mtime_ms` integer NOT NULL,
	`status` text NOT NULL,
	`events` integer DEFAULT 0 NOT NULL,
	`error` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`feed_id`) REFERENCES `feeds`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feed_files_seen` ON `feed_files` (`feed_id`,`name`,`bytes`,`mtime_ms`);--> statement-breakpoint
CREATE TABLE `feed_runs` (
	`id` integer PRIMARY KEY NOT NULL,
	`feed_id` integer NOT NULL,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`duration_ms` integer,
	`pages` integer DEFAULT 0 NOT NULL,
	`events` integer DEFAULT 0 NOT NULL,
	`imported` integer DEFAULT 0 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`from_ms` integer,
	`to_ms` integer,
	`not_modified` integer DEFAULT 0 NOT NULL,
	`files` integer DEFAULT 0 NOT NULL,
	`failed_files` integer DEFAULT 0 NOT NULL,
	`error` text,
	`report` text,
	`pid` integer,
	FOREIGN KEY (`feed_id`) REFERENCES `feeds`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `feed_runs_feed` ON `feed_runs` (`feed_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `feeds` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`settings` text NOT NULL,
	`secrets` text,
	`schedule` text NOT NULL,
	`paused` integer DEFAULT 0 NOT NULL,
	`cursor` text,
	`window_from` integer,
	`window_to` integer,
	`high_water` integer,
	`covered_from` integer,
	`etag` text,
	`last_modified` text,
	`content_hash` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
-- Hand-written: feed names are unique without regard to case.
CREATE UNIQUE INDEX `feeds_name_nocase` ON `feeds` (`name` COLLATE NOCASE);
