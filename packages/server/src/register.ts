/**
 * The register's writes: create, edit and move facilities through the workflow. Rules come from
 * @diagioi/core; this adds storage, identity, optimistic locking and the audit trail.
 */
import {
  ACTIONS,
  actionLabel,
  canEdit,
  checkFieldValue,
  checkText,
  checkTransition,
  type Diagioi,
  EDITABLE_FIELDS,
  type Facility,
  type FieldError,
  type FieldName,
  fieldLabel,
  fieldsSetBy,
  HANDLED_STAGES,
  mayTakeSteps,
  NOTE_MAX,
  ROLES,
  type Transition,
  type TransitionField,
  validateRecord,
} from "@diagioi/core";
import type { Insertable } from "kysely";
import type { Db } from "./db/database.ts";
import type { EventTable } from "./db/schema.ts";
import { ApiError, notFound } from "./errors.ts";
import { PLACE_FIELDS, type Place, placeOf, provinceLabel } from "./place.ts";
import { appendAudit } from "./repo/audit.ts";
import {
  appendEvent,
  type Executor,
  getFacility,
  insertFacility,
  toFacility,
  toRow,
  updateFacility,
} from "./repo/facilities.ts";
import type { User } from "./repo/users.ts";

/** Reads typed values of the given fields from a JSON object; unknown fields are errors. */
export function readFields(
  input: Record<string, unknown>,
  allowed: readonly string[],
): { values: Partial<Record<FieldName, unknown>>; errors: FieldError[] } {
  const values: Partial<Record<FieldName, unknown>> = {};
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (!allowed.includes(key)) {
      errors.push({
        field: key,
        code: "invalid",
        message: "this field cannot be set here",
        message_vi: "không được đặt trường này ở đây",
      });
      continue;
    }
    const checked = checkFieldValue(key as FieldName, value);
    if (checked.ok) values[key as FieldName] = checked.value;
    else
      errors.push({ field: key, code: "invalid", message: checked.message, message_vi: checked.message_vi });
  }
  return { values, errors };
}

/**
 * Fields an edit may not change: once decided, the deadline is the decision's, and moves only with a
 * workflow step (a `revise`, or the step that carries it), where the approver's name goes with it.
 */
export function lockedFieldErrors(current: Facility, changes: Record<string, unknown>): FieldError[] {
  if (!("deadline" in changes) || !HANDLED_STAGES.has(current.stage)) return [];
  return [
    {
      field: "deadline",
      code: "invalid",
      message:
        "the deadline of a decided facility is the decision's: change it with a workflow step (revise)",
      message_vi:
        "thời hạn của cơ sở đã có quyết định chỉ đổi qua một bước quy trình (điều chỉnh quyết định)",
    },
  ];
}

/** Field errors a 422 lists at most (a body of thousands of unknown members would be answered at length). */
const LISTED_FIELDS = 100;

export function validationError(errors: FieldError[]): ApiError {
  return new ApiError(422, "validation_failed", "some fields are not valid", "Một số trường không hợp lệ", {
    fields: errors.slice(0, LISTED_FIELDS),
    ...(errors.length > LISTED_FIELDS ? { fields_total: errors.length } : {}),
  });
}

/** A complete record from given values, with defaults and its place in today's units. */
export function completeRecord(
  diagioi: Diagioi,
  values: Partial<Facility>,
  now: string,
): { record?: Omit<Facility, "id">; place?: Place; errors: FieldError[] } {
  const base: Omit<
    Facility,
    "id" | "province_code" | "commune_code" | "address_new" | "address_commune_code"
  > = {
    external_id: "",
    name: "",
    address: null,
    lng: null,
    lat: null,
    origin_unit_code: null,
    origin_unit_level: null,
    origin_unit_date: null,
    level: null,
    owner: null,
    asset_type: null,
    land_area_m2: null,
    floor_area_m2: null,
    year_built: null,
    condition: null,
    land_certificate: null,
    disputed: false,
    encroached: false,
    over_norm: false,
    misused: false,
    current_use: null,
    managing_unit: null,
    option: null,
    minutes_no: null,
    minutes_date: null,
    decision_no: null,
    decision_date: null,
    deadline: null,
    completed_date: null,
    stage: "inventory",
    version: 1,
    created_at: now,
    updated_at: now,
  };
  const merged = { ...base, ...stripUndefined(values) } as Omit<Facility, "id">;
  const originErrors = completeOrigin(diagioi, merged);
  const errors = [...validateRecord(merged), ...originErrors];
  // Placed even when other fields are wrong, so that all of a record's errors come in one answer.
  const placeable = !errors.some((e) => PLACE_FIELDS.includes(e.field));
  const { place, errors: placeErrors } = placeable
    ? placeOf(diagioi, merged)
    : { place: undefined, errors: [] };
  if (errors.length > 0 || !place) return { place, errors: [...errors, ...placeErrors] };
  return { record: { ...merged, ...place }, place, errors: [] };
}

/**
 * The record the values make, or a 422 with every error at once: those of the fields that could not
 * be read, and those of the record the others make (a blank name beside a year out of range), so
 * that a form is corrected in one round.
 */
function recordOrAllErrors(
  diagioi: Diagioi,
  values: Partial<Facility>,
  fieldErrors: FieldError[],
  now: string,
): Omit<Facility, "id"> {
  const { record, errors } = completeRecord(diagioi, values, now);
  if (record && fieldErrors.length === 0) return record;
  const unread = new Set(fieldErrors.map((e) => e.field));
  // A point or an address that could not be read is not also "missing".
  const placeUnread = PLACE_FIELDS.some((f) => unread.has(f));
  const others = errors.filter(
    (e) => !unread.has(e.field) && !(placeUnread && PLACE_FIELDS.includes(e.field)),
  );
  throw validationError([...fieldErrors, ...others]);
}

/** The origin's date when none is given: the last day of the units before the merger. */
const ORIGIN_DATE = "2025-06-30";

/**
 * Fills in the origin unit's date (by default {@link ORIGIN_DATE}) and level, and says when the
 * dataset has no such unit: it must be in force on its date, of the level given (by default the
 * code's: 2 digits a province, 3 a district, 5 a commune).
 */
function completeOrigin(diagioi: Diagioi, record: Omit<Facility, "id">): FieldError[] {
  const code = record.origin_unit_code;
  if (!code) return [];
  record.origin_unit_date ||= ORIGIN_DATE;
  const date = record.origin_unit_date;
  const unit = diagioi.units.byCode(code, { level: record.origin_unit_level ?? undefined, date });
  if (unit) {
    record.origin_unit_level = unit.level;
    return [];
  }
  const what = record.origin_unit_level ?? "unit";
  return [
    {
      field: "origin_unit_code",
      code: "invalid",
      message: `no ${what} has code ${code} on ${date}`,
      message_vi: `không có đơn vị hành chính mã ${code} vào ngày ${date}`,
    },
  ];
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The fields that differ, as { field: [before, after] }. */
export function changesBetween(
  before: Partial<Facility> | null,
  after: Partial<Facility>,
): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [key, value] of Object.entries(after)) {
    if (key === "version" || key === "updated_at" || key === "created_at" || key === "id") continue;
    const old = before ? ((before as Record<string, unknown>)[key] ?? null) : null;
    if (old !== value && !(before === null && value === null)) changes[key] = [old, value];
  }
  return changes;
}

export function eventOf(
  facility: Facility,
  actor: { id: number | null; name: string },
  action: string,
  changes: Record<string, [unknown, unknown]>,
  note: string | null,
): Insertable<EventTable> {
  return {
    facility_id: facility.id,
    version: facility.version,
    at: facility.updated_at,
    actor_id: actor.id,
    actor_name: actor.name,
    action,
    province_code: facility.province_code,
    stage: facility.stage,
    option: facility.option,
    deadline: facility.deadline,
    decision_no: facility.decision_no,
    decision_date: facility.decision_date,
    changes: JSON.stringify(changes),
    note,
  };
}

/** Who a write is recorded under: a user, or a command run by the operator (`id` null). */
export interface Author {
  id: number | null;
  username: string;
}

export class Register {
  constructor(
    readonly db: Db,
    readonly diagioi: Diagioi,
  ) {}

  /** Creates a facility in `inventory` (an editor of its province). */
  async create(user: User | null, input: Record<string, unknown>): Promise<Facility> {
    if (user?.role !== "editor")
      throw forbidden("only editors create facilities", "Chỉ cán bộ cập nhật (editor) được thêm cơ sở");
    const { values, errors } = readFields(input, EDITABLE_FIELDS);
    const now = new Date().toISOString();
    const record = recordOrAllErrors(this.diagioi, values as Partial<Facility>, errors, now);
    if (!canEdit(user, record.province_code))
      throw outOfScope(this.diagioi, user, record.province_code, ["add facilities in", "thêm cơ sở ở"]);
    return this.db.transaction().execute(async (trx) => {
      if (await duplicate(trx, record.province_code, record.external_id)) {
        throw new ApiError(
          409,
          "conflict",
          `external_id "${record.external_id}" is already used in this province`,
          `Mã "${record.external_id}" đã có trong tỉnh`,
          { field: "external_id" },
        );
      }
      const id = await insertFacility(trx, toRow(record, null));
      const facility = { id, ...record };
      await this.recordWrite(trx, user, facility, "create", changesBetween(null, record), null);
      return facility;
    });
  }

  /** Changes descriptive fields (an editor of its province), if `ifMatch` still holds the version. */
  async patch(
    user: User | null,
    id: number,
    ifMatchOrNone: readonly number[] | undefined,
    input: Record<string, unknown>,
  ): Promise<Facility> {
    const current = await this.load(id);
    if (!canEdit(user, current.province_code))
      throw outOfScope(this.diagioi, user, current.province_code, ["edit facilities of", "sửa cơ sở của"]);
    const ifMatch = required(ifMatchOrNone);
    const { values, errors } = readFields(input, EDITABLE_FIELDS);
    const now = new Date().toISOString();
    const { id: _id, ...rest } = current;
    const record = recordOrAllErrors(this.diagioi, { ...rest, ...values } as Partial<Facility>, errors, now);
    if (record.province_code !== current.province_code) {
      throw validationError([
        {
          field: "lng",
          code: "invalid",
          message: "the new point is in another province",
          message_vi: "điểm mới thuộc tỉnh khác",
        },
      ]);
    }
    const changes = changesBetween(current, record);
    if (!ifMatch.includes(current.version)) throw stale(current);
    const locked = lockedFieldErrors(current, changes);
    if (locked.length > 0) throw validationError(locked);
    if (Object.keys(changes).length === 0) return current;
    return this.db.transaction().execute(async (trx) => {
      const version = current.version + 1;
      const next = { ...record, id, version, updated_at: now, created_at: current.created_at };
      if (!(await updateFacility(trx, id, current.version, rowChanges(next, changes))))
        throw stale(await this.load(id, trx));
      await this.recordWrite(trx, user as User, next, "edit", changes, null);
      return next;
    });
  }

  /** Takes a workflow step. */
  async transition(
    user: User | null,
    id: number,
    ifMatchOrNone: readonly number[] | undefined,
    body: Record<string, unknown>,
  ): Promise<Facility> {
    const { action, note, ...fieldInput } = body;
    const current = await this.load(id);
    // Somebody who may take no step here learns nothing of it, not even through a 412's body.
    if (!mayTakeSteps(user, current.province_code))
      throw outOfScope(this.diagioi, user, current.province_code, [
        "take workflow steps on facilities of",
        "thực hiện bước quy trình với cơ sở của",
      ]);
    const ifMatch = required(ifMatchOrNone);
    // A stale version first: the stage it was written against may be gone ("hand_over" twice).
    if (!ifMatch.includes(current.version)) throw stale(current);
    // An action the workflow does not know is a field in error, as the OpenAPI document says.
    if (typeof action !== "string" || !(ACTIONS as readonly string[]).includes(action))
      throw validationError([
        {
          field: "action",
          code: action === undefined ? "required" : "invalid",
          message: `action must be one of ${ACTIONS.join(", ")}`,
          message_vi: `action phải là một trong ${ACTIONS.join(", ")}`,
        },
      ]);
    const drafter = await this.drafter(id);
    // Present but invalid fields are reported as invalid below, not as missing.
    const verdict = checkTransition(
      current,
      { action: String(action ?? ""), fields: { ...fieldInput, note } },
      user,
      drafter,
    );
    if (!verdict.ok) {
      const r = verdict.refusal;
      // Per field, as every other 422 names its fields: {field, code, message, message_vi}.
      const fields =
        "fields" in r
          ? r.fields.map((field) => ({
              field,
              code: "required",
              message: `"${action}" needs ${field}`,
              message_vi: `"${actionLabel(String(action))}" cần ${fieldLabel(field)} (${field})`,
            }))
          : undefined;
      throw new ApiError(r.status, r.code, r.message, r.message_vi, fields ? { fields } : undefined);
    }
    const t = verdict.transition;
    const { values, errors } = readFields(fieldInput, TRANSITION_FIELDS);
    errors.push(...notSetBy(t, values, current), ...revisedBefore(t, values, current));
    if (errors.length > 0) throw validationError(errors);
    const checkedNote = note === undefined || note === null ? null : checkText(note, NOTE_MAX);
    if (checkedNote && !checkedNote.ok) {
      throw validationError([
        {
          field: "note",
          code: "invalid",
          message: `note ${checkedNote.message}`,
          message_vi: `ghi chú ${checkedNote.message_vi}`,
        },
      ]);
    }
    const now = new Date().toISOString();
    const next: Facility = {
      ...current,
      ...(values as Partial<Facility>),
      stage: t.to,
      version: current.version + 1,
      updated_at: now,
    };
    const recordErrors = validateRecord(next);
    if (recordErrors.length > 0) throw validationError(recordErrors);
    const changes = changesBetween(current, next);
    return this.db.transaction().execute(async (trx) => {
      const row = rowChanges(next, changes);
      if (t.action === "draft_plan") row.drafted_by = (user as User).id;
      if (!(await updateFacility(trx, id, current.version, row))) throw stale(await this.load(id, trx));
      await this.recordWrite(
        trx,
        user as User,
        next,
        t.action,
        changes,
        checkedNote?.ok ? checkedNote.value : null,
      );
      return next;
    });
  }

  async load(id: number, db: Executor = this.db): Promise<Facility> {
    const row = await getFacility(db, id);
    if (!row) throw notFound(`facility ${id}`, `cơ sở ${id}`);
    return toFacility(row);
  }

  async drafter(id: number): Promise<number | null> {
    const row = await this.db
      .selectFrom("facilities")
      .select("drafted_by")
      .where("id", "=", id)
      .executeTakeFirst();
    return row?.drafted_by ?? null;
  }

  /** The event and its audit entry, in the write's transaction. */
  async recordWrite(
    trx: Executor,
    user: Author,
    facility: Facility,
    action: string,
    changes: Record<string, [unknown, unknown]>,
    note: string | null,
  ): Promise<void> {
    const event = eventOf(facility, { id: user.id, name: user.username }, action, changes, note);
    await appendEvent(trx, event);
    await appendAudit(
      trx,
      {
        actor_id: user.id,
        actor_name: user.username,
        action,
        entity: "facility",
        entity_id: String(facility.id),
        payload: { version: facility.version, changes, note },
      },
      facility.updated_at,
    );
  }
}

export const TRANSITION_FIELDS: TransitionField[] = [
  "minutes_no",
  "minutes_date",
  "option",
  "decision_no",
  "decision_date",
  "deadline",
  "completed_date",
];

/**
 * Errors for fields a step would change that are not its own (see fieldsSetBy): an `execute` that
 * also rewrites the decision number. A field sent with the value it already has is no change.
 */
function notSetBy(
  transition: Transition,
  values: Partial<Record<FieldName, unknown>>,
  current: Facility,
): FieldError[] {
  const own: readonly string[] = fieldsSetBy(transition);
  const errors: FieldError[] = [];
  for (const [field, value] of Object.entries(values)) {
    if (own.includes(field) || value === current[field as FieldName]) continue;
    errors.push({
      field,
      code: "invalid",
      message: `"${transition.action}" does not set ${field}`,
      message_vi: `bước "${transition.action}" không đặt trường ${field}`,
    });
  }
  return errors;
}

/**
 * A revision is a new decision: it bears its own number (the same number twice would tell two
 * decisions apart by nothing) and is not dated before the one it replaces.
 */
function revisedBefore(
  transition: Transition,
  values: Partial<Record<FieldName, unknown>>,
  current: Facility,
): FieldError[] {
  if (transition.action !== "revise") return [];
  const errors: FieldError[] = [];
  const number = values.decision_no;
  if (typeof number === "string" && current.decision_no && sameNumber(number, current.decision_no))
    errors.push({
      field: "decision_no",
      code: "invalid",
      message: `a revision is a new decision: ${current.decision_no} is the number of the decision it replaces`,
      message_vi: `quyết định điều chỉnh phải có số mới: ${current.decision_no} là số của quyết định trước`,
    });
  const day = values.decision_date;
  if (typeof day === "string" && current.decision_date && day < current.decision_date)
    errors.push({
      field: "decision_date",
      code: "invalid",
      message: `a revision is a new decision: date it on or after ${current.decision_date}, the decision it replaces`,
      message_vi: `quyết định điều chỉnh phải ghi ngày từ ${current.decision_date} (ngày của quyết định trước) trở đi`,
    });
  return errors;
}

/** Decision numbers compared as people write them: "5/QĐ-UBND" is "5/qđ-ubnd " too. */
function sameNumber(a: string, b: string): boolean {
  const key = (text: string) => text.normalize("NFC").replace(/\s+/g, "").toLowerCase();
  return key(a) === key(b);
}

function rowChanges(next: Facility, changes: Record<string, [unknown, unknown]>) {
  const row = toRow(next, null) as Record<string, unknown>;
  const out: Record<string, unknown> = {
    updated_at: next.updated_at,
    search_text: row.search_text,
    public_search_text: row.public_search_text,
  };
  for (const key of Object.keys(changes)) out[key] = row[key];
  delete out.drafted_by;
  return out;
}

async function duplicate(db: Executor, province: string, externalId: string): Promise<boolean> {
  const row = await db
    .selectFrom("facilities")
    .select("id")
    .where("province_code", "=", province)
    .where("external_id", "=", externalId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The versions an If-Match named, or 428. Asked after the role and province checks: a caller who may
 * not write learns 403 whatever headers they send.
 */
function required(ifMatch: readonly number[] | undefined): readonly number[] {
  if (ifMatch !== undefined) return ifMatch;
  throw new ApiError(
    428,
    "precondition_required",
    "send If-Match with the ETag of the version you edited",
    "Cần gửi If-Match với ETag của phiên bản bạn đã sửa",
  );
}

export const forbidden = (message: string, message_vi: string) =>
  new ApiError(403, "forbidden", message, message_vi);

/**
 * 403 for a province outside the user's role or scope, naming both ("you may not add facilities in
 * Thành phố Hồ Chí Minh (79): you are editor of Thành phố Hà Nội (01)"), in both languages.
 */
export function outOfScope(
  diagioi: Diagioi,
  user: User | null,
  province: string,
  [doing, doing_vi]: [string, string],
): ApiError {
  const named = (code: string, lang: "vi" | "en") => provinceLabel(diagioi, code, lang);
  const scope = user?.province_code;
  const role = user
    ? `${ROLES.label(user.role, "en")}${scope ? ` of ${named(scope, "en")}` : ", whole country"}`
    : "not signed in";
  const role_vi = user
    ? `${ROLES.label(user.role, "vi")}${scope ? ` của ${named(scope, "vi")}` : ", toàn quốc"}`
    : "chưa đăng nhập";
  return forbidden(
    `you may not ${doing} ${named(province, "en")}: you are ${role}`,
    `Bạn không được ${doing_vi} ${named(province, "vi")}: vai trò của bạn là ${role_vi}`,
  );
}

function stale(current: Facility): ApiError {
  return new ApiError(
    412,
    "version_conflict",
    `the facility was changed meanwhile: it is now at version ${current.version}`,
    `Cơ sở đã được người khác thay đổi: phiên bản hiện tại là ${current.version}`,
    { current },
  );
}
