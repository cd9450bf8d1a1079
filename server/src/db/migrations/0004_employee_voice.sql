CREATE TABLE "employee_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"wave_id" uuid NOT NULL,
	"survey_version_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"subject_unit_id" uuid,
	"period" text NOT NULL,
	"tenure_band" text NOT NULL,
	"submitted_on" date NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"scores" jsonb NOT NULL,
	"comment" text
);
--> statement-breakpoint
CREATE TABLE "employee_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"wave_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"period" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"tenure" text NOT NULL,
	"status" text NOT NULL,
	"n" integer,
	"means" jsonb,
	"comments" jsonb
);
--> statement-breakpoint
CREATE TABLE "pulse_consumed_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"wave_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pulse_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"wave_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"tenure_band" text NOT NULL,
	"token_hash" text NOT NULL,
	"draft" jsonb,
	"expires_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	CONSTRAINT "pulse_invitations_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "pulse_participation" (
	"org_id" uuid NOT NULL,
	"wave_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"invited" integer DEFAULT 0 NOT NULL,
	"responded" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "pulse_participation_wave_id_unit_id_pk" PRIMARY KEY("wave_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "pulse_programs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"name" text NOT NULL,
	"cadence" text NOT NULL,
	"population_unit_id" uuid,
	"open_days" integer DEFAULT 14 NOT NULL,
	"reminder_after_days" integer,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pulse_waves" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"survey_version_id" uuid NOT NULL,
	"period" text NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"released_k" integer,
	"released_k_comments" integer,
	"released_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "min_comment_group_size" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "exit_reason" text;--> statement-breakpoint
ALTER TABLE "employee_responses" ADD CONSTRAINT "employee_responses_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employee_responses" ADD CONSTRAINT "employee_responses_wave_id_pulse_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."pulse_waves"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employee_responses" ADD CONSTRAINT "employee_responses_survey_version_id_survey_versions_id_fk" FOREIGN KEY ("survey_version_id") REFERENCES "public"."survey_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employee_responses" ADD CONSTRAINT "employee_responses_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employee_responses" ADD CONSTRAINT "employee_responses_subject_unit_id_units_id_fk" FOREIGN KEY ("subject_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employee_results" ADD CONSTRAINT "employee_results_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employee_results" ADD CONSTRAINT "employee_results_wave_id_pulse_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."pulse_waves"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employee_results" ADD CONSTRAINT "employee_results_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employee_results" ADD CONSTRAINT "employee_results_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_consumed_tokens" ADD CONSTRAINT "pulse_consumed_tokens_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_consumed_tokens" ADD CONSTRAINT "pulse_consumed_tokens_wave_id_pulse_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."pulse_waves"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_invitations" ADD CONSTRAINT "pulse_invitations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_invitations" ADD CONSTRAINT "pulse_invitations_wave_id_pulse_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."pulse_waves"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_invitations" ADD CONSTRAINT "pulse_invitations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_invitations" ADD CONSTRAINT "pulse_invitations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_participation" ADD CONSTRAINT "pulse_participation_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_participation" ADD CONSTRAINT "pulse_participation_wave_id_pulse_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."pulse_waves"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_participation" ADD CONSTRAINT "pulse_participation_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_programs" ADD CONSTRAINT "pulse_programs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_programs" ADD CONSTRAINT "pulse_programs_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_programs" ADD CONSTRAINT "pulse_programs_population_unit_id_units_id_fk" FOREIGN KEY ("population_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_waves" ADD CONSTRAINT "pulse_waves_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_waves" ADD CONSTRAINT "pulse_waves_program_id_pulse_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."pulse_programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_waves" ADD CONSTRAINT "pulse_waves_survey_version_id_survey_versions_id_fk" FOREIGN KEY ("survey_version_id") REFERENCES "public"."survey_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "employee_responses_wave_idx" ON "employee_responses" USING btree ("org_id","wave_id","unit_id");--> statement-breakpoint
CREATE INDEX "employee_responses_unit_idx" ON "employee_responses" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "employee_responses_subject_idx" ON "employee_responses" USING btree ("subject_unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "employee_results_cell_uq" ON "employee_results" USING btree ("org_id","wave_id","unit_id","scope","tenure");--> statement-breakpoint
CREATE INDEX "employee_results_survey_period_idx" ON "employee_results" USING btree ("org_id","survey_id","period","scope","tenure");--> statement-breakpoint
CREATE INDEX "employee_results_unit_idx" ON "employee_results" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "employee_results_survey_idx" ON "employee_results" USING btree ("survey_id");--> statement-breakpoint
CREATE INDEX "pulse_consumed_tokens_wave_idx" ON "pulse_consumed_tokens" USING btree ("wave_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pulse_invitations_wave_person_uq" ON "pulse_invitations" USING btree ("org_id","wave_id","person_id");--> statement-breakpoint
CREATE INDEX "pulse_invitations_person_idx" ON "pulse_invitations" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "pulse_participation_org_idx" ON "pulse_participation" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "pulse_programs_org_idx" ON "pulse_programs" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "pulse_waves_program_period_uq" ON "pulse_waves" USING btree ("org_id","program_id","period");--> statement-breakpoint
CREATE INDEX "pulse_waves_org_status_idx" ON "pulse_waves" USING btree ("org_id","status","closes_at");