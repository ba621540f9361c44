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
ALTER TABLE `invitations` ADD `answered` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Hand-written data migration: invitations answered before this release keep that fact as the flag.
UPDATE `invitations` SET `answered` = 1 WHERE `id` IN (SELECT `invitation_id` FROM `responses` WHERE `status` = 'submitted' AND `invitation_id` IS NOT NULL);
--> statement-breakpoint
-- Invitations of rounds already opened went out by the old mail-merge export: record them as sent, so opening or reopening the round does not mail them again.
INSERT INTO `invitation_messages` (`round_id`, `invitation_id`, `kind`, `status`, `attempts`, `created_at`)
  SELECT `invitations`.`round_id`, `invitations`.`id`, 'invitation', 'sent', 0, CAST(unixepoch('subsec') * 1000 AS INTEGER)
  FROM `invitations` INNER JOIN `rounds` ON `rounds`.`id` = `invitations`.`round_id` WHERE `rounds`.`status` <> 'draft';
