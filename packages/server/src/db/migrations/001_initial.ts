/** The register's tables. Never edit a migration after it has landed: add the next one. */
import { type Kysely, sql } from "kysely";
import { isPostgres } from "../dialect.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const id = pg ? "serial" : "integer";
  const primaryId = <T extends { primaryKey(): T; autoIncrement(): T }>(c: T) =>
    pg ? c.primaryKey() : c.primaryKey().autoIncrement();
  const real = "double precision";

  await db.schema
    .createTable("facilities")
    .addColumn("id", id, primaryId)
    .addColumn("province_code", "text", (c) => c.notNull())
    .addColumn("external_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("address", "text")
    .addColumn("address_new", "text")
    .addColumn("commune_code", "text")
    .addColumn("address_commune_code", "text")
    .addColumn("lng", real)
    .addColumn("lat", real)
    .addColumn("origin_unit_code", "text")
    .addColumn("origin_unit_level", "text")
    .addColumn("origin_unit_date", "text")
    .addColumn("level", "text")
    .addColumn("owner", "text")
    .addColumn("asset_type", "text")
    .addColumn("land_area_m2", real)
    .addColumn("floor_area_m2", real)
    .addColumn("year_built", "integer")
    .addColumn("condition", "text")
    .addColumn("land_certificate", "integer")
    .addColumn("disputed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("encroached", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("over_norm", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("misused", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("current_use", "text")
    .addColumn("managing_unit", "text")
    .addColumn("option", "text")
    .addColumn("minutes_no", "text")
    .addColumn("minutes_date", "text")
    .addColumn("decision_no", "text")
    .addColumn("decision_date", "text")
    .addColumn("deadline", "text")
    .addColumn("completed_date", "text")
    .addColumn("stage", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("drafted_by", "integer")
    .addColumn("search_text", "text", (c) => c.notNull())
    .addUniqueConstraint("facilities_province_external_id", ["province_code", "external_id"])
    .execute();
  await db.schema
    .createIndex("facilities_province_id")
    .on("facilities")
    .columns(["province_code", "id"])
    .execute();
  for (const column of ["stage", "commune_code", "option", "origin_unit_code", "lng"]) {
    await db.schema.createIndex(`facilities_${column}`).on("facilities").column(column).execute();
  }

  await db.schema
    .createTable("events")
    .addColumn("id", id, primaryId)
    .addColumn("facility_id", "integer", (c) => c.notNull().references("facilities.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "integer")
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("province_code", "text", (c) => c.notNull())
    .addColumn("stage", "text", (c) => c.notNull())
    .addColumn("option", "text")
    .addColumn("deadline", "text")
    .addColumn("decision_no", "text")
    .addColumn("decision_date", "text")
    .addColumn("changes", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addUniqueConstraint("events_facility_version", ["facility_id", "version"])
    .execute();
  await db.schema.createIndex("events_at").on("events").columns(["at", "facility_id", "version"]).execute();

  await db.schema
    .createTable("users")
    .addColumn("id", id, primaryId)
    .addColumn("username", "text", (c) => c.notNull().unique())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("province_code", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("sessions")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("tokens")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("login_attempts")
    .addColumn("id", id, primaryId)
    .addColumn("username", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("ok", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("login_attempts_username_at")
    .on("login_attempts")
    .columns(["username", "at"])
    .execute();
  await db.schema.createIndex("login_attempts_ip_at").on("login_attempts").columns(["ip", "at"]).execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", id, primaryId)
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "integer")
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text")
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("meta")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();

  await refuseChanges(db, pg, ["audit_log", "events"]);
}

/** The audit log and the event history are append-only: the database itself refuses UPDATE and DELETE. */
async function refuseChanges(db: Kysely<unknown>, pg: boolean, tables: string[]): Promise<void> {
  if (pg) {
    await sql`CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`.execute(db);
  }
  for (const table of tables) {
    const t = sql.raw(table);
    if (pg) {
      await sql`CREATE TRIGGER ${sql.raw(`${table}_append_only`)} BEFORE UPDATE OR DELETE ON ${t}
        FOR EACH ROW EXECUTE FUNCTION refuse_change()`.execute(db);
      await sql`CREATE TRIGGER ${sql.raw(`${table}_no_truncate`)} BEFORE TRUNCATE ON ${t}
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`.execute(db);
    } else {
      for (const verb of ["UPDATE", "DELETE"]) {
        await sql`CREATE TRIGGER ${sql.raw(`${table}_no_${verb.toLowerCase()}`)} BEFORE ${sql.raw(verb)} ON ${t}
          BEGIN SELECT RAISE(ABORT, ${sql.lit(`${table} is append-only`)}); END`.execute(db);
      }
    }
  }
}

export async function down(): Promise<void> {
  throw new Error("the register's migrations are not reversible");
}
