-- Custom migration (drizzle can't express these): one index per sortable attribute so a
-- grid block at any sort is an index walk, NOCASE on text so sort and equality ignore case,
-- and FTS5 tables for the free-text word/prefix search, kept in sync by triggers.
CREATE INDEX `users_by_user_email` ON `users` (`user_email` COLLATE NOCASE);
--> statement-breakpoint
CREATE INDEX `users_by_user_name` ON `users` (`user_name` COLLATE NOCASE);
--> statement-breakpoint
CREATE INDEX `users_by_account_id` ON `users` (`account_id` COLLATE NOCASE);
--> statement-breakpoint
CREATE INDEX `users_by_first_application_id` ON `users` (`first_application_id` COLLATE NOCASE);
--> statement-breakpoint
CREATE INDEX `users_by_last_application_id` ON `users` (`last_application_id` COLLATE NOCASE);
--> statement-breakpoint
CREATE INDEX `users_by_first_city` ON `users` (`first_city` COLLATE NOCASE);
--> statement-breakpoint
CREATE INDEX `users_by_last_city` ON `users` (`last_city` COLLATE NOCASE);
--> statement-breakpoint
CREATE INDEX `users_by_first_country_code` ON `users` (`first_country_code` COLLATE NOCASE);
--> statement-breakpoint
CREATE INDEX `users_by_last_country_code` ON `users` (`last_country_code` COLLATE NOCASE);
--> statement-breakpoint
CREATE INDEX `users_by_first_region` ON `users` (`first_region` COLLATE NOCASE);
--> statement-breakpoint
CREATE INDEX `users_by_last_region` ON `users` (`last_region` COLLATE NOCASE);
--> statement-breakpoint
CREATE INDEX `users_by_first_device_type` ON `users` (`first_device_type` COLLATE NOCASE);
--> statement-breakpoint
CREATE INDEX `users_by_last_device_type` ON `users` (`last_device_type` COLLATE NOCASE);
--> statement-breakpoint
CREATE INDEX `users_by_first_os_name` ON `users` (`first_os_name` COLLATE NOCASE);
--> statement-breakpoint
CREATE INDEX `users_by_last_os_name` ON `users` (`last_os_name` COLLATE NOCASE);
--> statement-breakpoint
CREATE INDEX `users_by_first_os_version` ON `users` (`first_os_version` COLLATE NOCASE);
--> statement-breakpoint
CREATE INDEX `users_by_last_os_version` ON `users` (`last_os_version` COLLATE NOCASE);
--> statement-breakpoint
CREATE INDEX `users_by_first_browser_name` ON `users` (`first_browser_name` COLLATE NOCASE);
--> statement-breakpoint
CREATE INDEX `users_by_last_browser_name` ON `users` (`last_browser_name` COLLATE NOCASE);
--> statement-breakpoint
CREATE INDEX `users_by_first_browser_version` ON `users` (`first_browser_version` COLLATE NOCASE);
--> statement-breakpoint
CREATE INDEX `users_by_last_browser_version` ON `users` (`last_browser_version` COLLATE NOCASE);
--> statement-breakpoint
CREATE INDEX `users_by_first_seen` ON `users` (`first_seen`);
--> statement-breakpoint
CREATE INDEX `users_by_last_seen` ON `users` (`last_seen`);
--> statement-breakpoint
CREATE INDEX `users_by_session_count` ON `users` (`session_count`);
--> statement-breakpoint
CREATE INDEX `users_by_view_count` ON `users` (`view_count`);
--> statement-breakpoint
CREATE INDEX `users_by_action_count` ON `users` (`action_count`);
--> statement-breakpoint
CREATE INDEX `users_by_error_count` ON `users` (`error_count`);
--> statement-breakpoint
CREATE INDEX `accounts_by_account_name` ON `accounts` (`account_name` COLLATE NOCASE);
--> statement-breakpoint
CREATE INDEX `accounts_by_first_seen` ON `accounts` (`first_seen`);
--> statement-breakpoint
CREATE INDEX `accounts_by_last_seen` ON `accounts` (`last_seen`);
--> statement-breakpoint
CREATE INDEX `accounts_by_user_count` ON `accounts` (`user_count`);
--> statement-breakpoint
CREATE INDEX `accounts_by_session_count` ON `accounts` (`session_count`);
--> statement-breakpoint
CREATE VIRTUAL TABLE `users_fts` USING fts5(user_id, user_email, user_name, content='users', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3');
--> statement-breakpoint
CREATE TRIGGER `users_fts_insert` AFTER INSERT ON `users` BEGIN
  INSERT INTO users_fts(rowid, user_id, user_email, user_name) VALUES (new.id, new.user_id, new.user_email, new.user_name);
END;
--> statement-breakpoint
CREATE TRIGGER `users_fts_update` AFTER UPDATE OF user_email, user_name ON `users`
  WHEN old.user_email IS NOT new.user_email OR old.user_name IS NOT new.user_name BEGIN
  INSERT INTO users_fts(users_fts, rowid, user_id, user_email, user_name) VALUES ('delete', old.id, old.user_id, old.user_email, old.user_name);
  INSERT INTO users_fts(rowid, user_id, user_email, user_name) VALUES (new.id, new.user_id, new.user_email, new.user_name);
END;
--> statement-breakpoint
CREATE TRIGGER `users_fts_delete` AFTER DELETE ON `users` BEGIN
  INSERT INTO users_fts(users_fts, rowid, user_id, user_email, user_name) VALUES ('delete', old.id, old.user_id, old.user_email, old.user_name);
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `accounts_fts` USING fts5(account_id, account_name, content='accounts', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3');
--> statement-breakpoint
CREATE TRIGGER `accounts_fts_insert` AFTER INSERT ON `accounts` BEGIN
  INSERT INTO accounts_fts(rowid, account_id, account_name) VALUES (new.id, new.account_id, new.account_name);
END;
--> statement-breakpoint
CREATE TRIGGER `accounts_fts_update` AFTER UPDATE OF account_name ON `accounts`
  WHEN old.account_name IS NOT new.account_name BEGIN
  INSERT INTO accounts_fts(accounts_fts, rowid, account_id, account_name) VALUES ('delete', old.id, old.account_id, old.account_name);
  INSERT INTO accounts_fts(rowid, account_id, account_name) VALUES (new.id, new.account_id, new.account_name);
END;
--> statement-breakpoint
CREATE TRIGGER `accounts_fts_delete` AFTER DELETE ON `accounts` BEGIN
  INSERT INTO accounts_fts(accounts_fts, rowid, account_id, account_name) VALUES ('delete', old.id, old.account_id, old.account_name);
END;
