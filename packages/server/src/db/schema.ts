/** Tables of the register as the query layer sees them (one schema for SQLite and PostgreSQL). */
import type { Generated } from "kysely";

/** Booleans are stored as 0/1 in both databases, so one query layer serves both. */
export type Bit = 0 | 1;

export interface FacilityTable {
  id: Generated<number>;
  province_code: string;
  external_id: string;
  name: string;
  address: string | null;
  address_new: string | null;
  commune_code: string | null;
  address_commune_code: string | null;
  lng: number | null;
  lat: number | null;
  origin_unit_code: string | null;
  origin_unit_level: string | null;
  origin_unit_date: string | null;
  level: string | null;
  owner: string | null;
  asset_type: string | null;
  land_area_m2: number | null;
  floor_area_m2: number | null;
  year_built: number | null;
  condition: string | null;
  land_certificate: Bit | null;
  disputed: Bit;
  encroached: Bit;
  over_norm: Bit;
  misused: Bit;
  current_use: string | null;
  managing_unit: string | null;
  option: string | null;
  minutes_no: string | null;
  minutes_date: string | null;
  decision_no: string | null;
  decision_date: string | null;
  deadline: string | null;
  completed_date: string | null;
  stage: string;
  version: number;
  created_at: string;
  updated_at: string;
  /** Who last drafted the plan: they may not approve or decide it. */
  drafted_by: number | null;
  /** Name, identifier and both addresses without case or diacritics, for a signed-in user's `q`. */
  search_text: string;
  /** The public name and today's address so, for an anonymous `q`. */
  public_search_text: string;
}

export interface EventTable {
  id: Generated<number>;
  facility_id: number;
  /** The facility's version after the event. */
  version: number;
  /** ISO UTC instant. */
  at: string;
  actor_id: number | null;
  actor_name: string;
  action: string;
  province_code: string;
  stage: string;
  option: string | null;
  deadline: string | null;
  decision_no: string | null;
  decision_date: string | null;
  /** JSON: the fields the event changed, before and after. */
  changes: string;
  note: string | null;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  role: string;
  province_code: string | null;
  created_at: string;
  /** When the account was disabled; null while it may sign in. */
  disabled_at: string | null;
}

export interface SessionTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

export interface TokenTable {
  token_hash: string;
  user_id: number;
  label: string;
  created_at: string;
  expires_at: string | null;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  username: string;
  ip: string;
  at: string;
  ok: Bit;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string | null;
  /** JSON of what was done. */
  payload: string;
  prev_hash: string;
  hash: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface Database {
  facilities: FacilityTable;
  events: EventTable;
  users: UserTable;
  sessions: SessionTable;
  tokens: TokenTable;
  login_attempts: LoginAttemptTable;
  audit_log: AuditTable;
  meta: MetaTable;
}
