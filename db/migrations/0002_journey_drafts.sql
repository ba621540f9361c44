ALTER TABLE `invitations` ADD `answered` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `responses` ADD `revision` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Forget the link at submit (issue 9 item 5): an invitation keeps only whether it was answered,
-- and a submitted response keeps no reference to the invitation it came from.
UPDATE `invitations` SET `answered` = 1 WHERE `id` IN (SELECT `invitation_id` FROM `responses` WHERE `status` = 'submitted' AND `invitation_id` IS NOT NULL);--> statement-breakpoint
UPDATE `responses` SET `invitation_id` = NULL, `resume_token` = NULL WHERE `status` = 'submitted' AND `invitation_id` IS NOT NULL;
