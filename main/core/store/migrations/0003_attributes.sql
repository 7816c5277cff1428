CREATE TABLE `connections` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`fields` text NOT NULL,
	`secrets` text,
	`identity` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `source_attributes` (
	`id` integer PRIMARY KEY NOT NULL,
	`source_id` integer NOT NULL,
	`entity` text NOT NULL,
	`name` text NOT NULL,
	`column_name` text NOT NULL,
	`type` text NOT NULL,
	`label` text NOT NULL,
	`position` integer NOT NULL,
	`distinct_values` integer,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `sources` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`entity` text NOT NULL,
	`connection_id` integer,
	`path` text,
	`table_name` text,
	`join_column` text NOT NULL,
	`join_attribute` text NOT NULL,
	`schedule` text NOT NULL,
	`values_table` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sync_runs` (
	`id` integer PRIMARY KEY NOT NULL,
	`source_id` integer NOT NULL,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`rows` integer DEFAULT 0 NOT NULL,
	`matched` integer DEFAULT 0 NOT NULL,
	`unmatched` integer DEFAULT 0 NOT NULL,
	`duplicates` integer DEFAULT 0 NOT NULL,
	`blank_keys` integer DEFAULT 0 NOT NULL,
	`duration_ms` integer,
	`error` text,
	`report` text,
	`pid` integer,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sync_runs_source` ON `sync_runs` (`source_id`,`started_at`);
--> statement-breakpoint
-- Hand-written: names are unique without regard to case, attribute names per entity.
CREATE UNIQUE INDEX `connections_name_nocase` ON `connections` (`name` COLLATE NOCASE);
--> statement-breakpoint
CREATE UNIQUE INDEX `sources_name_nocase` ON `sources` (`name` COLLATE NOCASE);
--> statement-breakpoint
CREATE UNIQUE INDEX `source_attributes_name` ON `source_attributes` (`entity`, `name`);
