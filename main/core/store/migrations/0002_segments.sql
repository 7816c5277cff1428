CREATE TABLE `segments` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`entity` text NOT NULL,
	`query` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
-- Hand-written: names are unique without regard to case ("Churn risk" and "churn risk" are one).
CREATE UNIQUE INDEX `segments_name_nocase` ON `segments` (`name` COLLATE NOCASE);
--> statement-breakpoint
-- WITHOUT ROWID (hand-edited, like the detail tables): the key is the whole row. Members are
-- deleted with their segment by the code (foreign keys are not enforced on this connection).
CREATE TABLE `segment_members` (
	`segment_id` integer NOT NULL,
	`member` text NOT NULL,
	PRIMARY KEY(`segment_id`, `member`),
	FOREIGN KEY (`segment_id`) REFERENCES `segments`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
