-- Detail tables keyed by a composite primary key are WITHOUT ROWID (edited after drizzle-kit
-- generated this file): one user's rows sit together in the key's B-tree.
CREATE TABLE `account_sessions` (
	`aid` integer NOT NULL,
	`session_id` text NOT NULL,
	PRIMARY KEY(`aid`, `session_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `account_users` (
	`aid` integer NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`aid`, `user_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `accounts` (
	`id` integer PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`account_name` text,
	`account_name_at` integer,
	`first_seen` integer NOT NULL,
	`last_seen` integer NOT NULL,
	`user_count` integer DEFAULT 0 NOT NULL,
	`session_count` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_account_id_unique` ON `accounts` (`account_id`);--> statement-breakpoint
CREATE TABLE `prefs` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `user_actions` (
	`user_id` text NOT NULL,
	`action_id` text NOT NULL,
	`session_id` text,
	`name` text,
	`type` text,
	PRIMARY KEY(`user_id`, `action_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `user_errors` (
	`user_id` text NOT NULL,
	`error_id` text NOT NULL,
	`session_id` text,
	PRIMARY KEY(`user_id`, `error_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `user_sessions` (
	`user_id` text NOT NULL,
	`session_id` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`view_count` integer DEFAULT 0 NOT NULL,
	`action_count` integer DEFAULT 0 NOT NULL,
	`error_count` integer DEFAULT 0 NOT NULL,
	`application_id` text,
	`application_id_at` integer,
	`country_code` text,
	`country_code_at` integer,
	`device_type` text,
	`device_type_at` integer,
	`browser_name` text,
	`browser_name_at` integer,
	`os_name` text,
	`os_name_at` integer,
	PRIMARY KEY(`user_id`, `session_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `user_sessions_start` ON `user_sessions` (`user_id`,`start`);--> statement-breakpoint
CREATE TABLE `user_views` (
	`user_id` text NOT NULL,
	`view_id` text NOT NULL,
	`session_id` text,
	`path` text,
	PRIMARY KEY(`user_id`, `view_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`user_email` text,
	`user_email_at` integer,
	`user_name` text,
	`user_name_at` integer,
	`account_id` text,
	`account_id_at` integer,
	`first_seen` integer NOT NULL,
	`last_seen` integer NOT NULL,
	`first_application_id` text,
	`first_application_id_at` integer,
	`last_application_id` text,
	`last_application_id_at` integer,
	`first_city` text,
	`first_city_at` integer,
	`last_city` text,
	`last_city_at` integer,
	`first_country_code` text,
	`first_country_code_at` integer,
	`last_country_code` text,
	`last_country_code_at` integer,
	`first_region` text,
	`first_region_at` integer,
	`last_region` text,
	`last_region_at` integer,
	`first_device_type` text,
	`first_device_type_at` integer,
	`last_device_type` text,
	`last_device_type_at` integer,
	`first_os_name` text,
	`first_os_name_at` integer,
	`last_os_name` text,
	`last_os_name_at` integer,
	`first_os_version` text,
	`first_os_version_at` integer,
	`last_os_version` text,
	`last_os_version_at` integer,
	`first_browser_name` text,
	`first_browser_name_at` integer,
	`last_browser_name` text,
	`last_browser_name_at` integer,
	`first_browser_version` text,
	`first_browser_version_at` integer,
	`last_browser_version` text,
	`last_browser_version_at` integer,
	`session_count` integer DEFAULT 0 NOT NULL,
	`view_count` integer DEFAULT 0 NOT NULL,
	`action_count` integer DEFAULT 0 NOT NULL,
	`error_count` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_user_id_unique` ON `users` (`user_id`);