CREATE INDEX "interactions_customer_idx" ON "interactions" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "invitations_customer_idx" ON "invitations" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "invitations_interaction_idx" ON "invitations" USING btree ("interaction_id");--> statement-breakpoint
CREATE INDEX "responses_customer_idx" ON "responses" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "responses_interaction_idx" ON "responses" USING btree ("interaction_id");