CREATE TABLE `kv` (
	`tenant_id` text DEFAULT 'main' NOT NULL,
	`namespace` text NOT NULL,
	`key` text NOT NULL,
	`type` text NOT NULL,
	`value` text NOT NULL,
	`description` text,
	`expiration_date` text,
	`created` text NOT NULL,
	`updated` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `namespace`, `key`)
);
--> statement-breakpoint
CREATE INDEX `kv_expiration` ON `kv` (`expiration_date`);--> statement-breakpoint
CREATE TABLE `logs` (
	`tenant_id` text DEFAULT 'main' NOT NULL,
	`execution_id` text NOT NULL,
	`seq` integer NOT NULL,
	`namespace` text NOT NULL,
	`flow_id` text NOT NULL,
	`task_id` text,
	`task_run_id` text,
	`attempt_number` integer,
	`level` text NOT NULL,
	`message` text NOT NULL,
	`timestamp` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `execution_id`, `seq`)
);
--> statement-breakpoint
CREATE INDEX `logs_flow` ON `logs` (`tenant_id`,`namespace`,`flow_id`,`timestamp`);--> statement-breakpoint
CREATE INDEX `logs_time` ON `logs` (`tenant_id`,`timestamp`);--> statement-breakpoint
CREATE TABLE `namespace_files` (
	`tenant_id` text DEFAULT 'main' NOT NULL,
	`namespace` text NOT NULL,
	`path` text NOT NULL,
	`directory` integer DEFAULT false NOT NULL,
	`size` integer DEFAULT 0 NOT NULL,
	`created` text NOT NULL,
	`updated` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `namespace`, `path`)
);
