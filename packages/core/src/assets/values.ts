/**
 * Reading field values written by people (import files, forms): dates in ISO or Vietnamese order,
 * booleans in English or Vietnamese, numbers in either convention. A value is read right or
 * rejected with a reason, never guessed.
 */
import { removeDiacritics } from "../text/normalize.ts";
import { FIELDS, type FieldName, type FieldType } from "./facility.ts";
import type { Labelled } from "./sets.ts";

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; message_vi: string };

const fail = (message: string, message_vi: string): { ok: false; message: string; message_vi: string } => ({
  ok: false,
  message,
  message_vi,
});

/**
 * An ISO date from `YYYY-MM-DD` or `DD/MM/YYYY` (also `D/M/YYYY`, `DD-MM-YYYY`, `DD.MM.YYYY`).
 *
 * @example
 * parseDate("05/12/2025"); // { ok: true, value: "2025-12-05" }
 * parseDate("2025-02-30").ok; // false
 */
export function parseDate(text: string): Parsed<string> {
  const s = text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  let y: number;
  let mo: number;
  let d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
    if (!m)
      return fail(
        `"${s}" is not a date: write YYYY-MM-DD or DD/MM/YYYY`,
        `"${s}" không phải ngày: ghi YYYY-MM-DD hoặc DD/MM/YYYY`,
      );
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  const iso = `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  const check = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== iso || y < 1900 || y > 2100) {
    return fail(`"${s}" is not a day of the calendar`, `"${s}" không phải ngày có thật`);
  }
  return { ok: true, value: iso };
}

const TRUE_WORDS = new Set(["yes", "y", "true", "1", "co", "x"]);
const FALSE_WORDS = new Set(["no", "n", "false", "0", "khong"]);

/**
 * @example
 * parseBoolean("Có"); // { ok: true, value: true }
 * parseBoolean("không"); // { ok: true, value: false }
 */
export function parseBoolean(text: string): Parsed<boolean> {
  const key = removeDiacritics(text.trim().toLowerCase());
  if (TRUE_WORDS.has(key)) return { ok: true, value: true };
  if (FALSE_WORDS.has(key)) return { ok: true, value: false };
  return fail(`"${text}" is not yes/no (có/không, true/false, 1/0)`, `"${text}" không phải có/không`);
}

/**
 * A number in Vietnamese (`1.234,5`) or English (`1,234.5`) writing. A lone separator followed by
 * exactly three digits (`1.234`, `1,234`) could be either and is rejected, unless the grouped reading
 * is beyond `max` (a longitude of `105.831` is never 105831 degrees).
 *
 * @example
 * parseNumber("1.234,5"); // { ok: true, value: 1234.5 }
 * parseNumber("12,5");    // { ok: true, value: 12.5 }
 * parseNumber("1.234").ok; // false: 1234 or 1.234?
 * parseNumber("105.831", 180); // { ok: true, value: 105.831 }
 */
export function parseNumber(text: string, max = Number.POSITIVE_INFINITY): Parsed<number> {
  const s = text.trim().replace(/\s/g, "");
  const bad = () => fail(`"${text}" is not a number`, `"${text}" không phải số`);
  if (!/^-?[\d.,]+$/.test(s) || !/\d/.test(s)) return bad();
  const dots = s.split(".").length - 1;
  const commas = s.split(",").length - 1;
  let normalized: string;
  if (dots > 0 && commas > 0) {
    const decimal = s.lastIndexOf(".") > s.lastIndexOf(",") ? "." : ",";
    const group = decimal === "." ? "," : ".";
    const [whole, fraction, ...rest] = s.split(decimal);
    if (rest.length > 0 || !isGrouped(whole as string, group)) return bad();
    normalized = `${(whole as string).split(group).join("")}.${fraction}`;
  } else if (dots + commas === 0) {
    normalized = s;
  } else {
    const sep = dots > 0 ? "." : ",";
    const parts = s.split(sep);
    if (parts.length > 2) {
      if (!isGrouped(s, sep)) return bad();
      normalized = parts.join("");
    } else if (
      (parts[1] as string).length === 3 &&
      /^-?[1-9]\d{0,2}$/.test(parts[0] as string) &&
      Math.abs(Number(parts.join(""))) <= max
    ) {
      return fail(
        `"${text}" is ambiguous: write 1234 or 1234,5 (or 1.234,5)`,
        `"${text}" không rõ nghĩa: ghi 1234 hoặc 1234,5 (hoặc 1.234,5)`,
      );
    } else {
      normalized = parts.join(".");
    }
  }
  const value = Number(normalized);
  return Number.isFinite(value) ? { ok: true, value } : bad();
}

/** "1.234.567" with `.` as the group separator: groups of three after the first. */
function isGrouped(whole: string, group: string): boolean {
  const parts = whole.replace(/^-/, "").split(group);
  return (
    parts.every((p, i) => /^\d+$/.test(p) && (i === 0 ? p.length <= 3 : p.length === 3)) || parts.length === 1
  );
}

/**
 * Reads a field from text as written in an import file or a form; empty text is null.
 *
 * @example
 * parseFieldText("land_area_m2", "1.250,5"); // { ok: true, value: 1250.5 }
 * parseFieldText("option", "sale");          // { ok: true, value: "sale" }
 */
export function parseFieldText(field: FieldName, text: string): Parsed<unknown> {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, value: null };
  const type = FIELDS[field].type;
  switch (type.kind) {
    case "text":
      return checkFieldValue(field, trimmed);
    case "date":
      return parseDate(trimmed);
    case "boolean":
      return parseBoolean(trimmed);
    case "enum":
      return checkFieldValue(field, valueOfLabel(type.labels, trimmed) ?? trimmed);
    case "number":
    case "integer": {
      const n = parseNumber(trimmed, type.max);
      return n.ok ? checkFieldValue(field, n.value) : n;
    }
  }
}

/**
 * The value a closed set's label names, in Vietnamese or English, whatever its case and spacing ("tốt",
 * "Đã lập phương án", "Good"): a file filled in by hand from what the screens show.
 */
function valueOfLabel(labels: readonly Labelled<string>[] | undefined, text: string): string | undefined {
  if (!labels) return undefined;
  const key = labelKey(text);
  return labels.find((l) => labelKey(l.vi) === key || labelKey(l.en) === key)?.value;
}

function labelKey(text: string): string {
  return text.normalize("NFC").toLocaleLowerCase("vi").replace(/\s+/g, " ").trim();
}

/**
 * Characters no text of the register needs, which a screen does not show or shows misleadingly: C0
 * and C1 controls but the tab and line breaks, the zero-width characters and marks (two identifiers
 * that look alike would differ), the text-direction overrides and isolates, and U+FFFD, which stands
 * where a sender's bytes were not UTF-8.
 */
const HIDDEN_CHARACTER =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufffd]/;

/** Half of a UTF-16 surrogate pair without its other half: no character, and no UTF-8 to store. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The most characters the note of an event (a step, an import's row) may hold. */
export const NOTE_MAX = 2000;

/**
 * Checks free text of at most `max` characters with no hidden character; gives it trimmed and in
 * NFC, and blank text as null.
 */
export function checkText(value: unknown, max: number): Parsed<string | null> {
  if (typeof value !== "string") return fail("must be text", "phải là chữ");
  if (HIDDEN_CHARACTER.test(value))
    return fail(
      "contains a control character, an invisible (zero-width) or text-direction character, or U+FFFD (bytes that were not UTF-8)",
      "có ký tự điều khiển, ký tự ẩn (độ rộng 0), ký tự đổi chiều văn bản hoặc U+FFFD (byte không phải UTF-8)",
    );
  if (LONE_SURROGATE.test(value))
    return fail(
      "contains half of a UTF-16 surrogate pair (\\ud800–\\udfff alone), which is no character",
      "có nửa cặp ký tự thay thế UTF-16 (\\ud800–\\udfff đứng riêng), không phải ký tự",
    );
  if (value.length > max) return fail(`longer than ${max} characters`, `dài hơn ${max} ký tự`);
  return { ok: true, value: value.trim() === "" ? null : value.trim().normalize("NFC") };
}

/**
 * Checks a typed value (JSON) against the field's type and range; null is always accepted here
 * (required fields are checked by {@link validateFacility}).
 */
export function checkFieldValue(field: FieldName, value: unknown): Parsed<unknown> {
  if (value === null) return { ok: true, value };
  const type: FieldType = FIELDS[field].type;
  switch (type.kind) {
    case "text":
      return checkText(value, type.max);
    case "date":
      return typeof value === "string"
        ? parseDate(value)
        : fail("must be a date YYYY-MM-DD", "phải là ngày YYYY-MM-DD");
    case "boolean":
      return typeof value === "boolean"
        ? { ok: true, value }
        : fail("must be true or false", "phải là true hoặc false");
    case "enum":
      return typeof value === "string" && type.values.includes(value)
        ? { ok: true, value }
        : fail(
            `"${String(value)}" is not one of: ${type.values.join(", ")}`,
            `"${String(value)}" không thuộc: ${type.labels?.map((l) => `${l.value} (${l.vi})`).join(", ") ?? type.values.join(", ")}`,
          );
    case "number":
    case "integer":
      if (typeof value !== "number" || !Number.isFinite(value)) return fail("must be a number", "phải là số");
      if (type.kind === "integer" && !Number.isInteger(value))
        return fail("must be a whole number", "phải là số nguyên");
      if (value < type.min || value > type.max)
        return fail(
          `must be between ${type.min} and ${type.max}`,
          `phải trong khoảng ${type.min} – ${type.max}`,
        );
      return { ok: true, value };
  }
}
