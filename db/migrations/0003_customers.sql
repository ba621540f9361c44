PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` text NOT NULL,
	`level_id` integer NOT NULL,
	`invitation_id` integer,
	`resume_token` text,
	`source` text DEFAULT 'web' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`answers` text DEFAULT '{}' NOT NULL,
	`current_page` integer DEFAULT 0 NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	`explicit` text,
	`desired` text,
	`said` text,
	`said_intensities` text,
	`implicit` text,
	`intensities` text,
	`facet_profiles` text,
	`dont_know` text,
	`customer_scores` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_at` integer,
	`release` integer,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`level_id`) REFERENCES `levels`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "responses_submitted_scored_check" CHECK("__new_responses"."status" = 'draft' OR ("__new_responses"."submitted_at" IS NOT NULL AND (("__new_responses"."explicit" IS NOT NULL AND "__new_responses"."desired" IS NOT NULL) OR "__new_responses"."customer_scores" IS NOT NULL)))
);
--> statement-breakpoint
INSERT INTO `__new_responses`("id", "round_id", "level_id", "invitation_id", "resume_token", "source", "status", "answers", "current_page", "revision", "explicit", "desired", "said", "said_intensities", "implicit", "intensities", "facet_profiles", "dont_know", "created_at", "updated_at", "submitted_at", "release") SELECT "id", "round_id", "level_id", "invitation_id", "resume_token", "source", "status", "answers", "current_page", "revision", "explicit", "desired", "said", "said_intensities", "implicit", "intensities", "facet_profiles", "dont_know", "created_at", "updated_at", "submitted_at", "release" FROM `responses`;--> statement-breakpoint
DROP TABLE `responses`;--> statement-breakpoint
ALTER TABLE `__new_responses` RENAME TO `responses`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `responses_invitation_id_unique` ON `responses` (`invitation_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `responses_resume_token_unique` ON `responses` (`resume_token`);--> statement-breakpoint
CREATE INDEX `responses_round_status_idx` ON `responses` (`round_id`,`status`);--> statement-breakpoint
CREATE INDEX `responses_level_release_idx` ON `responses` (`level_id`,`release`);--> statement-breakpoint
CREATE INDEX `responses_level_idx` ON `responses` (`level_id`);--> statement-breakpoint
ALTER TABLE `levels` ADD `kind` text DEFAULT 'staff' NOT NULL;--> statement-breakpoint
ALTER TABLE `rounds` ADD `customer_instrument_id` text;--> statement-breakpoint
ALTER TABLE `rounds` ADD `customer_instrument_version` integer;--> statement-breakpoint
-- Hand-written: "customers" is now the reserved id of a round's customer level. A staff level that was given that id before keeps its label and answers under "customers-<its row id>".
UPDATE `levels` SET `key` = 'customers-' || `id` WHERE `key` = 'customers';
