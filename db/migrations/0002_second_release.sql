CREATE TABLE `exclusions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` text NOT NULL,
	`from_at` integer NOT NULL,
	`to_at` integer NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`removed_by` text,
	`removed_at` integer,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`removed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "exclusions_window_check" CHECK("exclusions"."from_at" < "exclusions"."to_at")
);
--> statement-breakpoint
CREATE INDEX `exclusions_round_idx` ON `exclusions` (`round_id`);--> statement-breakpoint
CREATE TABLE `heartbeat` (
	`id` integer PRIMARY KEY NOT NULL,
	`beat_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `invitation_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` text NOT NULL,
	`invitation_id` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`claimed_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `invitation_messages_round_status_idx` ON `invitation_messages` (`round_id`,`status`);--> statement-breakpoint
CREATE INDEX `invitation_messages_invitation_idx` ON `invitation_messages` (`invitation_id`);--> statement-breakpoint
CREATE TABLE `open_link_arrivals` (
	`response_id` integer PRIMARY KEY NOT NULL,
	`level_id` integer NOT NULL,
	`address_hash` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`level_id`) REFERENCES `levels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `open_link_arrivals_source_idx` ON `open_link_arrivals` (`level_id`,`address_hash`,`at`);--> statement-breakpoint
CREATE TABLE `open_link_refusals` (
	`round_id` text NOT NULL,
	`level_id` integer NOT NULL,
	`minute` integer NOT NULL,
	`address_hash` text NOT NULL,
	`refused` integer NOT NULL,
	PRIMARY KEY(`level_id`, `minute`, `address_hash`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`level_id`) REFERENCES `levels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `open_link_refusals_round_idx` ON `open_link_refusals` (`round_id`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`hits` integer NOT NULL,
	`reset_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rate_limits_reset_idx` ON `rate_limits` (`reset_at`);--> statement-breakpoint
CREATE TABLE `releases` (
	`level_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`final` integer DEFAULT false NOT NULL,
	`responses` integer NOT NULL,
	PRIMARY KEY(`level_id`, `seq`),
	FOREIGN KEY (`level_id`) REFERENCES `levels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
DROP INDEX `organisations_name_unique`;--> statement-breakpoint
ALTER TABLE `organisations` ADD `origin` text DEFAULT 'cli' NOT NULL;--> statement-breakpoint
ALTER TABLE `organisations` ADD `created_by` text;--> statement-breakpoint
ALTER TABLE `invitations` ADD `answered` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `responses` ADD `revision` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `responses` ADD `said` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `said_intensities` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `release` integer;--> statement-breakpoint
CREATE INDEX `responses_level_release_idx` ON `responses` (`level_id`,`release`);--> statement-breakpoint
ALTER TABLE `rounds` ADD `strategy` text;--> statement-breakpoint
-- Responses submitted before release steps existed: a level that was already reportable gets one step
-- holding all of them (final when its round is closed), so its figures stay as they were; the others wait.
INSERT INTO `releases` (`level_id`, `seq`, `final`, `responses`)
SELECT `responses`.`level_id`, 1, `rounds`.`status` = 'closed', count(*)
FROM `responses` JOIN `rounds` ON `rounds`.`id` = `responses`.`round_id`
WHERE `responses`.`status` = 'submitted'
GROUP BY `responses`.`level_id`
HAVING count(*) >= max(3, max(`rounds`.`min_group_size`));--> statement-breakpoint
UPDATE `responses` SET `release` = 1 WHERE `status` = 'submitted' AND `level_id` IN (SELECT `level_id` FROM `releases`);
--> statement-breakpoint
-- Forget the link at submit (issue 9 item 5): an invitation keeps only whether it was answered,
-- and a submitted response keeps no reference to the invitation it came from.
UPDATE `invitations` SET `answered` = 1 WHERE `id` IN (SELECT `invitation_id` FROM `responses` WHERE `status` = 'submitted' AND `invitation_id` IS NOT NULL);--> statement-breakpoint
UPDATE `responses` SET `invitation_id` = NULL, `resume_token` = NULL WHERE `status` = 'submitted' AND `invitation_id` IS NOT NULL;
--> statement-breakpoint
-- Invitations of rounds already opened went out by the old mail-merge export: record them as sent, so opening or reopening the round does not mail them again.
INSERT INTO `invitation_messages` (`round_id`, `invitation_id`, `kind`, `status`, `attempts`, `created_at`)
  SELECT `invitations`.`round_id`, `invitations`.`id`, 'invitation', 'sent', 0, CAST(unixepoch('subsec') * 1000 AS INTEGER)
  FROM `invitations` INNER JOIN `rounds` ON `rounds`.`id` = `invitations`.`round_id` WHERE `rounds`.`status` <> 'draft';
--> statement-breakpoint
-- An organisation a facilitator is assigned to may have been made by one, so the CLI must not reuse it by name.
UPDATE `organisations` SET `origin` = 'facilitator' WHERE `id` IN (SELECT `m`.`organisation_id` FROM `memberships` `m` INNER JOIN `users` `u` ON `u`.`id` = `m`.`user_id` WHERE `u`.`role` = 'facilitator');
