CREATE TABLE `executions` (
	`tenant_id` text DEFAULT 'main' NOT NULL,
	`id` text NOT NULL,
	`namespace` text NOT NULL,
	`flow_id` text NOT NULL,
	`flow_revision` integer NOT NULL,
	`state` text NOT NULL,
	`labels` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	`parent_id` text,
	`trigger_execution_id` text,
	`deleted` integer DEFAULT false NOT NULL,
	`value` text NOT NULL,
	`updated` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `executions_flow` ON `executions` (`tenant_id`,`namespace`,`flow_id`,`start_date`);--> statement-breakpoint
CREATE INDEX `executions_start` ON `executions` (`tenant_id`,`start_date`);--> statement-breakpoint
CREATE INDEX `executions_state` ON `executions` (`tenant_id`,`state`,`start_date`);--> statement-breakpoint
CREATE TABLE `flows` (
	`tenant_id` text DEFAULT 'main' NOT NULL,
	`namespace` text NOT NULL,
	`id` text NOT NULL,
	`revision` integer NOT NULL,
	`source` text NOT NULL,
	`value` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`updated` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `namespace`, `id`, `revision`)
);
--> statement-breakpoint
CREATE INDEX `flows_namespace` ON `flows` (`tenant_id`,`namespace`);