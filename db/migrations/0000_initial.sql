CREATE TABLE `invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` text NOT NULL,
	`level_id` integer NOT NULL,
	`email` text NOT NULL,
	`name` text,
	`token` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`level_id`) REFERENCES `levels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_unique` ON `invitations` (`token`);--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_round_email_idx` ON `invitations` (`round_id`,`email`);--> statement-breakpoint
CREATE TABLE `levels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` text NOT NULL,
	`key` text NOT NULL,
	`label` text NOT NULL,
	`position` integer NOT NULL,
	`link_token` text NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `levels_link_token_unique` ON `levels` (`link_token`);--> statement-breakpoint
CREATE UNIQUE INDEX `levels_round_key_idx` ON `levels` (`round_id`,`key`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_name_unique` ON `organisations` (`name`);--> statement-breakpoint
CREATE TABLE `responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` text NOT NULL,
	`level_id` integer NOT NULL,
	`invitation_id` integer,
	`resume_token` text,
	`source` text DEFAULT 'web' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`answers` text DEFAULT '{}' NOT NULL,
	`current_page` integer DEFAULT 0 NOT NULL,
	`explicit` text,
	`desired` text,
	`implicit` text,
	`intensities` text,
	`facet_profiles` text,
	`dont_know` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_at` integer,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`level_id`) REFERENCES `levels`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "responses_submitted_scored_check" CHECK("responses"."status" = 'draft' OR ("responses"."explicit" IS NOT NULL AND "responses"."desired" IS NOT NULL AND "responses"."submitted_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `responses_invitation_id_unique` ON `responses` (`invitation_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `responses_resume_token_unique` ON `responses` (`resume_token`);--> statement-breakpoint
CREATE INDEX `responses_round_status_idx` ON `responses` (`round_id`,`status`);--> statement-breakpoint
CREATE INDEX `responses_level_idx` ON `responses` (`level_id`);--> statement-breakpoint
CREATE TABLE `rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` text NOT NULL,
	`name` text NOT NULL,
	`instrument_id` text NOT NULL,
	`instrument_version` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`opens_at` integer,
	`closes_at` integer,
	`min_group_size` integer DEFAULT 5 NOT NULL,
	`welcome_note` text DEFAULT '' NOT NULL,
	`predecessor_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rounds_min_group_size_check" CHECK("rounds"."min_group_size" >= 3)
);
--> statement-breakpoint
CREATE INDEX `rounds_organisation_idx` ON `rounds` (`organisation_id`);