/** Checks of a whole facility record (create, import, PATCH), beyond each field's own type. */
import type { Facility, FieldName } from "./facility.ts";
import { fieldLabel } from "./labels.ts";
import { STAGES, type Stage } from "./sets.ts";
import { vietnamDay } from "./stats.ts";
import { pathTo, type TransitionField } from "./workflow.ts";

export interface FieldError {
  field: string;
  code: "required" | "invalid";
  message: string;
  message_vi: string;
}

/**
 * Fields a record must carry to stand at a stage: those every transition on the way asks for.
 *
 * @example
 * fieldsRequiredAt("plan_drafted"); // ["minutes_no", "minutes_date", "option"]
 */
export function fieldsRequiredAt(stage: Stage): TransitionField[] {
  return [
    ...new Set(pathTo(stage).flatMap((t) => t.required.filter((f): f is TransitionField => f !== "note"))),
  ];
}

/**
 * Fields of a decision and of its completion: a record carries them only at a stage on whose way they
 * are set. (An option or handover minutes known ahead of their step change no figure.)
 */
const DECISION_FIELDS: readonly TransitionField[] = ["decision_no", "decision_date", "completed_date"];

/** Dates of things done: the handover minutes, the decision, the completion. */
const PAST_DATES = ["minutes_date", "decision_date", "completed_date"] as const;

/**
 * Whole-record rules: a name and an identifier, a point (both coordinates) or an address, the
 * fields the stage needs and no decision before its stage, dates of things done not after today (Vietnam time), and dates in order.
 *
 * @example
 * validateRecord({ external_id: "HN-1", name: "Trụ sở UBND phường cũ", lng: 105.85, lat: 21.03, stage: "inventory" }); // []
 */
export function validateRecord(record: Partial<Facility>, today: string = vietnamDay()): FieldError[] {
  const errors: FieldError[] = [];
  const required = (field: FieldName, why: string, why_vi: string) =>
    errors.push({ field, code: "required", message: why, message_vi: why_vi });
  if (!record.external_id) required("external_id", "an identifier is required", "cần mã cơ sở");
  if (!record.name) required("name", "a name is required", "cần tên cơ sở");
  const hasLng = record.lng !== null && record.lng !== undefined;
  const hasLat = record.lat !== null && record.lat !== undefined;
  if (hasLng !== hasLat) {
    required(hasLng ? "lat" : "lng", "give both lng and lat, or neither", "cần cả kinh độ và vĩ độ");
  } else if (!hasLng && !record.address) {
    required("address", "give a point (lng, lat) or an address", "cần tọa độ (lng, lat) hoặc địa chỉ");
  }
  const stage = record.stage ?? "inventory";
  const needed = fieldsRequiredAt(stage);
  for (const field of needed) {
    if (record[field] === null || record[field] === undefined) {
      required(
        field,
        `stage "${stage}" needs ${field}`,
        `bước "${STAGES.label(stage)}" cần ${fieldLabel(field)} (${field})`,
      );
    }
  }
  // A decision not yet taken has no number ("inventory" with a decision); a withdrawn facility had none.
  for (const field of DECISION_FIELDS) {
    if (needed.includes(field) || record[field] === null || record[field] === undefined) continue;
    errors.push({
      field,
      code: "invalid",
      message: `stage "${stage}" comes before ${field}: leave it empty, or give the stage it belongs to`,
      message_vi: `bước "${stage}" chưa có ${field}: để trống, hoặc ghi bước tương ứng`,
    });
  }
  // What has happened has a date that has come (a deadline may lie ahead).
  for (const field of PAST_DATES) {
    const day = record[field];
    if (day && day > today)
      errors.push({
        field,
        code: "invalid",
        message: `${day} has not come yet (today is ${today} in Vietnam)`,
        message_vi: `ngày ${vietnameseDay(day)} chưa đến (hôm nay là ${vietnameseDay(today)})`,
      });
  }
  if (record.decision_date && record.minutes_date && record.decision_date < record.minutes_date) {
    errors.push({
      field: "decision_date",
      code: "invalid",
      message: "the decision is dated before the handover minutes",
      message_vi: "ngày quyết định trước ngày biên bản bàn giao",
    });
  }
  // A deadline may come before the handover minutes: a facility handed over late is late (refusing it
  // made planners move an overdue facility's deadline past the handover, and out of the overdue count).
  if (record.completed_date && record.decision_date && record.completed_date < record.decision_date) {
    errors.push({
      field: "completed_date",
      code: "invalid",
      message: "completed before the decision",
      message_vi: "ngày hoàn thành trước ngày quyết định",
    });
  }
  return errors;
}

/** A day as Vietnamese writes it: 2026-12-20 → 20/12/2026. */
function vietnameseDay(day: string): string {
  const [year, month, date] = day.split("-");
  return `${date}/${month}/${year}`;
}
