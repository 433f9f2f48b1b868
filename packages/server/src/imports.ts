/**
 * Import of a province's facilities from the template: every row is checked first; any bad row
 * rejects the whole file with its row and column; otherwise one transaction creates, updates or
 * leaves each facility, so re-importing the same file changes nothing.
 */
import { createHash } from "node:crypto";
import {
  checkText,
  type Diagioi,
  type Facility,
  type FieldName,
  NOTE_MAX,
  parseFieldText,
} from "@diagioi/core";
import { ApiError } from "./errors.ts";
import type { FileError, Table } from "./io/table.ts";
import { readTableOffThread } from "./io/table-thread.ts";
import {
  DERIVED_COLUMNS,
  EXTRA_COLUMNS,
  type ImportColumn,
  REQUIRED_COLUMNS,
  TEMPLATE_COLUMNS,
} from "./io/template.ts";
import { PLACE_FIELDS, provinceLabel } from "./place.ts";
import type { Author } from "./register.ts";
import { changesBetween, completeRecord, eventOf, lockedFieldErrors, type Register } from "./register.ts";
import { appendAudit } from "./repo/audit.ts";
import {
  type Executor,
  type FacilityRow,
  findByExternalId,
  toFacility,
  toRow,
  updateFacility,
} from "./repo/facilities.ts";

export interface ImportSummary {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  dry_run: boolean;
}

interface CheckedRow {
  line: number;
  /** The row's columns over the facility it updates (`current`), or over the defaults of a new one. */
  record: Omit<Facility, "id">;
  current?: Facility;
  note: string | null;
  /** The `version` an export gave the row, if the file has one: an older one means edits since. */
  exportedVersion?: number;
}

/** The facility of the province with an external id, if any. */
type CurrentOf = (externalId: string) => Promise<Facility | undefined>;

/** Fields a re-import may change on an existing facility; the stage and decisions move only by the workflow. */
const WORKFLOW_FIELDS: FieldName[] = [
  "stage",
  "option",
  "minutes_no",
  "minutes_date",
  "decision_no",
  "decision_date",
  "completed_date",
];
const INSERT_CHUNK = 400;
/** Rows checked between two turns of the event loop. */
const YIELD_EVERY = 500;

export async function importFile(
  register: Register,
  user: Author,
  province: string,
  bytes: Uint8Array,
  dryRun: boolean,
): Promise<ImportSummary> {
  const read = await readTableOffThread(bytes);
  if (!read.ok) throw rejected(read.errors);
  const now = new Date().toISOString();
  const digest = createHash("sha256").update(bytes).digest("hex");
  // The rows are checked before the transaction, in turns with other requests (with SQLite, one
  // connection: a transaction holds every other query until it ends). Each update below is made only
  // over the version checked, so an edit made meanwhile fails the import rather than being undone.
  const currentOf: CurrentOf = async (externalId) => {
    const row = await findByExternalId(register.db, province, externalId);
    return row && toFacility(row);
  };
  const { rows, errors } = await checkRows(register.diagioi, read.table, province, currentOf);
  if (errors.length > 0) throw rejected(errors);
  return register.db.transaction().execute(async (trx) => {
    const summary: ImportSummary = {
      rows: rows.length,
      created: 0,
      updated: 0,
      unchanged: 0,
      dry_run: dryRun,
    };
    const toCreate: CheckedRow[] = [];
    const refusals: FileError[] = [];
    for (const row of rows) {
      const current = row.current;
      if (!current) {
        toCreate.push(row);
        continue;
      }
      // Compared as it would be stored: a blank flag cell is stored as "no", so it equals a stored "no".
      const next = {
        ...toFacility(toRow({ ...current, ...row.record }, null) as Partial<FacilityRow>),
        id: current.id,
        created_at: current.created_at,
        version: current.version,
      };
      const changes = changesBetween(current, next);
      // A row exported before someone else's edit would silently undo it, as a stale PATCH would (412).
      if (
        row.exportedVersion !== undefined &&
        row.exportedVersion !== current.version &&
        Object.keys(changes).length > 0
      ) {
        refusals.push({
          row: row.line,
          column: "version",
          message: `the facility was edited after this row was exported (version ${row.exportedVersion}, now ${current.version}): export it again and redo the change`,
          message_vi: `cơ sở đã được sửa sau khi xuất dòng này (phiên bản ${row.exportedVersion}, nay ${current.version}): xuất lại rồi sửa lại`,
        });
        continue;
      }
      const moved = [
        ...WORKFLOW_FIELDS.filter((f) => f in changes),
        ...lockedFieldErrors(current, changes).map((e) => e.field),
      ];
      if (moved.length > 0) {
        refusals.push({
          row: row.line,
          column: moved[0] as string,
          message: `${moved.join(", ")} differ from the register: change them through the workflow, not by import`,
          message_vi: `${moved.join(", ")} khác với sổ: thay đổi qua quy trình, không qua nhập tệp`,
        });
        continue;
      }
      if (Object.keys(changes).length === 0) {
        summary.unchanged++;
        continue;
      }
      summary.updated++;
      if (dryRun) continue;
      const updated = { ...next, version: current.version + 1, updated_at: now };
      const changedRow = Object.fromEntries(
        Object.keys(changes).map((k) => [k, (toRow(updated, null) as Record<string, unknown>)[k]]),
      );
      if (!(await updateFacility(trx, current.id, current.version, { ...changedRow, updated_at: now })))
        throw editedMeanwhile(row.line, current.external_id);
      await register.recordWrite(trx, user, updated, "import_update", changes, row.note);
    }
    if (refusals.length > 0) throw rejected(refusals);
    summary.created = toCreate.length;
    if (!dryRun) await insertAll(trx, user, toCreate, now);
    if (!dryRun && (summary.created > 0 || summary.updated > 0)) {
      await appendAudit(
        trx,
        {
          actor_id: user.id,
          actor_name: user.username,
          action: "import",
          entity: "province",
          entity_id: province,
          payload: { sha256: digest, ...summary },
        },
        now,
      );
    }
    return summary;
  });
}

/** Creates the new facilities in chunks, each with its `import` event. */
async function insertAll(trx: Executor, user: Author, rows: CheckedRow[], now: string): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    const inserted = await trx
      .insertInto("facilities")
      .values(chunk.map((r) => toRow({ ...r.record, created_at: now, updated_at: now }, null)))
      .returning(["id", "external_id"])
      .execute();
    const idOf = new Map(inserted.map((r) => [r.external_id, r.id]));
    await trx
      .insertInto("events")
      .values(
        chunk.map((r) => {
          const facility = {
            ...r.record,
            id: idOf.get(r.record.external_id) as number,
            created_at: now,
            updated_at: now,
          };
          return eventOf(
            facility,
            { id: user.id, name: user.username },
            "import",
            changesBetween(null, r.record),
            r.note,
          );
        }),
      )
      .execute();
  }
}

/**
 * Checks the header and every row; returns the complete records or every error found. A row of a
 * facility already in the register is read over it: a column the file leaves out keeps its value.
 */
export async function checkRows(
  diagioi: Diagioi,
  table: Table,
  province: string,
  currentOf: CurrentOf,
): Promise<{ rows: CheckedRow[]; errors: FileError[] }> {
  const errors: FileError[] = [];
  const derived = new Set<string>(DERIVED_COLUMNS);
  const known = new Set<string>([...TEMPLATE_COLUMNS, ...EXTRA_COLUMNS, ...derived]);
  const header = table.header.map((h) => h.trim().toLowerCase());
  // An unknown column is reported and its cells left unread; the rows are still checked, so that one
  // round of corrections clears the file. A missing or doubled column leaves them unreadable.
  let unknownColumns = 0;
  header.forEach((name, i) => {
    if (!known.has(name)) {
      unknownColumns++;
      errors.push({
        row: 1,
        column: table.header[i] || `#${i + 1}`,
        message: `unknown column "${table.header[i]}"; the template's columns are: ${TEMPLATE_COLUMNS.join(", ")}`,
        message_vi: `cột "${table.header[i]}" không có trong mẫu; các cột của mẫu là: ${TEMPLATE_COLUMNS.join(", ")}`,
      });
    }
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!header.includes(required)) {
      errors.push({
        row: 1,
        column: required,
        message: `the column "${required}" is missing`,
        message_vi: `thiếu cột "${required}"`,
      });
    }
  }
  if (!header.includes("address") && !(header.includes("lng") && header.includes("lat"))) {
    errors.push({
      row: 1,
      column: "lng",
      message: "give the columns lng and lat, or address",
      message_vi: "cần cột lng và lat, hoặc address",
    });
  }
  if (new Set(header).size !== header.length) {
    errors.push({
      row: 1,
      column: null,
      message: "a column appears twice",
      message_vi: "một cột xuất hiện hai lần",
    });
  }
  if (errors.length > unknownColumns) return { rows: [], errors };
  if (table.rows.length === 0) {
    return {
      rows: [],
      errors: [
        {
          row: 0,
          column: null,
          message: "the file has no data rows",
          message_vi: "tệp không có dòng dữ liệu",
        },
      ],
    };
  }

  const rows: CheckedRow[] = [];
  const seen = new Map<string, number>();
  const now = new Date().toISOString();
  for (const [n, { line, cells }] of table.rows.entries()) {
    // A large file's checks give way to other requests now and then.
    if (n % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
    const values: Partial<Record<FieldName, unknown>> = {};
    let note: string | null = null;
    let exportedVersion: number | undefined;
    const rowErrors: FileError[] = [];
    header.forEach((column, i) => {
      const text = cells[i] ?? "";
      if (column === "note") {
        const checked = checkText(text, NOTE_MAX);
        if (checked.ok) note = checked.value;
        else rowErrors.push({ row: line, column, message: checked.message, message_vi: checked.message_vi });
        return;
      }
      const version = column === "version" ? text.trim() : "";
      if (version !== "") {
        if (/^\d+$/.test(version)) exportedVersion = Number(version);
        else
          rowErrors.push({
            row: line,
            column,
            message: `version "${version.slice(0, 20)}" is not a whole number (leave it as exported, or empty)`,
            message_vi: `version "${version.slice(0, 20)}" không phải số nguyên`,
          });
        return;
      }
      if (derived.has(column) || !known.has(column)) return;
      const parsed = parseFieldText(column as Exclude<ImportColumn, "note">, text);
      if (parsed.ok) values[column as FieldName] = parsed.value;
      else rowErrors.push({ row: line, column, message: parsed.message, message_vi: parsed.message_vi });
    });
    // Checked before the row's other errors, so that one round of corrections clears them all.
    const externalId = values.external_id;
    if (typeof externalId === "string" && externalId !== "") {
      const first = seen.get(externalId);
      if (first !== undefined)
        rowErrors.push({
          row: line,
          column: "external_id",
          message: `external_id "${externalId}" is also on row ${first}`,
          message_vi: `mã "${externalId}" trùng với dòng ${first}`,
        });
      else seen.set(externalId, line);
    }
    // A field that could not be read is left out of the record, and the record's own checks say the
    // rest, so that one round of corrections clears a row (its unread fields are not also "missing").
    const unread = new Set(rowErrors.map((e) => e.column));
    // With the stage unread, what the workflow's fields need of it cannot be checked either.
    const unchecked = new Set<string>(unread.has("stage") ? WORKFLOW_FIELDS : []);
    if (values.stage === null) delete values.stage;
    const current = typeof externalId === "string" ? await currentOf(externalId) : undefined;
    const {
      record,
      place,
      errors: recordErrors,
    } = completeRecord(diagioi, { ...current, ...(values as Partial<Facility>) }, now);
    for (const e of recordErrors)
      if (!unread.has(e.field) && !unchecked.has(e.field))
        rowErrors.push({ row: line, column: e.field, message: e.message, message_vi: e.message_vi });
    // Withdrawing takes a reason (the `withdraw` step asks for one), also for a row that starts withdrawn.
    if (record?.stage === "withdrawn" && !current && note === null && !unread.has("note"))
      rowErrors.push({
        row: line,
        column: "note",
        message: "a facility withdrawn from the surplus list needs a note saying why",
        message_vi: "cơ sở đưa ra khỏi danh sách dôi dư cần ghi chú lý do",
      });
    const placed = !PLACE_FIELDS.some((column) => unread.has(column));
    if (place && placed && place.province_code !== province)
      rowErrors.push(
        outsideProvince(diagioi, line, place.province_code, (values.lng ?? current?.lng) != null, province),
      );
    if (rowErrors.length > 0 || !record) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({ line, record, current, note, ...(exportedVersion === undefined ? {} : { exportedVersion }) });
  }
  return { rows, errors };
}

/** A row whose point or address lies in another province than the one imported into, both named. */
function outsideProvince(
  diagioi: Diagioi,
  line: number,
  lies: string,
  byPoint: boolean,
  province: string,
): FileError {
  const label = (code: string, lang: "vi" | "en") => provinceLabel(diagioi, code, lang);
  return {
    row: line,
    column: byPoint ? "lng" : "address",
    message: `this facility lies in ${label(lies, "en")}, not in ${label(province, "en")}`,
    message_vi: `cơ sở này thuộc ${label(lies, "vi")}, không thuộc ${label(province, "vi")}`,
  };
}

/** The 409 of an import during which someone else edited one of its facilities: nothing was written. */
function editedMeanwhile(line: number, externalId: string): ApiError {
  return new ApiError(
    409,
    "conflict",
    `the facility "${externalId}" of row ${line} was edited while the file was checked: nothing was written; import the file again`,
    `cơ sở "${externalId}" ở dòng ${line} được sửa trong lúc kiểm tra tệp: chưa ghi gì; hãy nhập lại tệp`,
  );
}

/** Errors a 422 lists at most; `errors_total` counts them all. */
const LISTED_ERRORS = 1000;

/** The 422 of a file not imported: every error found (the first thousand), with its row and column. */
export function rejected(errors: FileError[]): ApiError {
  const listed = errors.length > LISTED_ERRORS ? ` (the first ${LISTED_ERRORS} listed)` : "";
  return new ApiError(
    422,
    "import_rejected",
    `the file was not imported: ${errors.length} error(s)${listed}; nothing was written`,
    `Tệp chưa được nhập: ${errors.length} lỗi${listed ? ` (liệt kê ${LISTED_ERRORS} lỗi đầu)` : ""}; không có gì được ghi`,
    undefined,
    { errors: errors.slice(0, LISTED_ERRORS), errors_total: errors.length },
  );
}
