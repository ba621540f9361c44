CREATE TABLE `heartbeat` (
	`id` integer PRIMARY KEY NOT NULL,
	`beat_at` integer NOT NULL
);
--> statement-breakpoint
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
DROP INDEX `organisations_name_unique`;--> statement-breakpoint
ALTER TABLE `organisations` ADD `origin` text DEFAULT 'cli' NOT NULL;--> statement-breakpoint
ALTER TABLE `organisations` ADD `created_by` text;--> statement-breakpoint
-- Hand-written: an organisation a facilitator is assigned to may have been made by one, so the CLI must not reuse it by name.
UPDATE `organisations` SET `origin` = 'facilitator' WHERE `id` IN (SELECT `m`.`organisation_id` FROM `memberships` `m` INNER JOIN `users` `u` ON `u`.`id` = `m`.`user_id` WHERE `u`.`role` = 'facilitator');