/**
 * Showing and editing a facility's fields. Types and closed sets come from @diagioi/core's field
 * table (FIELDS) and sets; this only turns them into text and form inputs.
 */
import {
  ASSET_TYPES,
  CONDITIONS,
  checkFieldValue,
  FACILITY_LEVELS,
  FIELDS,
  type FieldName,
  FLAGS,
  OPTIONS,
  OWNERS,
  type Parsed,
  parseNumber,
  STAGES,
} from "@diagioi/core";
import type { Lang } from "../i18n.ts";
import { ApiError } from "./api.ts";
import { fieldLabel, r } from "./strings.ts";

type Labeller = {
  label: (value: never, lang?: "vi" | "en") => string;
  entries: readonly { value: string }[];
};

/** Closed sets by field, for labels and select options. */
const SETS: Partial<Record<string, Labeller>> = {
  stage: STAGES as unknown as Labeller,
  option: OPTIONS as unknown as Labeller,
  level: FACILITY_LEVELS as unknown as Labeller,
  owner: OWNERS as unknown as Labeller,
  asset_type: ASSET_TYPES as unknown as Labeller,
  condition: CONDITIONS as unknown as Labeller,
};

const ORIGIN_LEVELS: Record<string, { vi: string; en: string }> = {
  province: { vi: "tỉnh (cũ)", en: "province (old)" },
  district: { vi: "huyện (cũ)", en: "district (old)" },
  commune: { vi: "xã (cũ)", en: "commune (old)" },
};

/** A field's value as a reader sees it. */
export function formatValue(field: string, value: unknown, lang: Lang): string {
  if (value === null || value === undefined || value === "") return "—";
  if (field === "flags" && Array.isArray(value)) {
    return value.length === 0 ? "—" : value.map((f) => FLAGS.label(f as never, lang)).join(", ");
  }
  const set = SETS[field];
  if (set) return set.label(value as never, lang);
  if (field === "origin_unit_level") return ORIGIN_LEVELS[String(value)]?.[lang] ?? String(value);
  if (typeof value === "boolean") return r(value ? "yes" : "no", lang);
  // An id or a year is a name, not a quantity: 31510, not 31.510.
  if (typeof value === "number" && (field === "id" || field === "year_built")) return String(value);
  if (typeof value === "number")
    return value.toLocaleString(lang === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 6 });
  if ((field === "created_at" || field === "updated_at") && typeof value === "string")
    return formatInstant(value, lang);
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDay(value, lang);
  return String(value);
}

/** A count as the page's language writes it: 31.509 in Vietnamese, 31,509 in English. */
export function formatCount(n: number, lang: Lang): string {
  return n.toLocaleString(lang === "vi" ? "vi-VN" : "en-GB");
}

/**
 * How a day is written: in Vietnamese as documents and the import write it (20/11/2026), in English
 * with the month's name, which no reader takes for another day (20 Nov 2026).
 */
const DAY_FORMAT: Record<Lang, Intl.DateTimeFormatOptions> = {
  vi: { day: "2-digit", month: "2-digit", year: "numeric" },
  en: { dateStyle: "medium" },
};

/** A calendar day (YYYY-MM-DD) as the history writes its instants' days: 20/11/2026 · 20 Nov 2026. */
export function formatDay(day: string, lang: Lang): string {
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime())
    ? day
    : d.toLocaleDateString(lang === "vi" ? "vi-VN" : "en-GB", { timeZone: "UTC", ...DAY_FORMAT[lang] });
}

/** An instant in Vietnam's time: 14:05 20/11/2026 · 20 Nov 2026, 14:05. */
export function formatInstant(iso: string, lang: Lang): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(lang === "vi" ? "vi-VN" : "en-GB", {
        timeZone: "Asia/Ho_Chi_Minh",
        ...(lang === "vi"
          ? { ...DAY_FORMAT.vi, hour: "2-digit", minute: "2-digit" }
          : { dateStyle: "medium", timeStyle: "short" }),
      });
}

/** Fields every record has (the server refuses a record without them). */
const ALWAYS_REQUIRED = new Set(["external_id", "name"]);

/**
 * One labelled input for a field, with a slot for the server's message; `data-field` names it. A
 * required field is marked so before the first submit (a star, and `aria-required`).
 */
export function fieldInput(
  field: string,
  value: unknown,
  lang: Lang,
  required = ALWAYS_REQUIRED.has(field),
): HTMLElement {
  const wrap = document.createElement("div");
  wrap.className = "field";
  wrap.dataset.field = field;
  const id = `f-${field}-${Math.random().toString(36).slice(2, 7)}`;
  const label = document.createElement("label");
  label.htmlFor = id;
  label.textContent = fieldLabel(field, lang);
  if (required) {
    const star = document.createElement("span");
    star.className = "required-mark";
    star.setAttribute("aria-hidden", "true");
    star.textContent = " *";
    label.append(star);
  }
  let input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  const spec = field === "note" ? undefined : FIELDS[field as FieldName];
  const kind = spec?.type.kind ?? "text";
  const set = SETS[field];
  if (set || field === "origin_unit_level" || kind === "boolean") {
    const select = document.createElement("select");
    const choices: [string, string][] =
      kind === "boolean"
        ? [
            ["true", r("yes", lang)],
            ["false", r("no", lang)],
          ]
        : field === "origin_unit_level"
          ? Object.entries(ORIGIN_LEVELS).map(([v, l]) => [v, l[lang]])
          : (set?.entries ?? []).map((e) => [e.value, set?.label(e.value as never, lang) ?? e.value]);
    const emptyLabel = kind === "boolean" && field !== "land_certificate" ? undefined : "—";
    if (emptyLabel !== undefined) select.append(new Option(emptyLabel, ""));
    for (const [v, l] of choices) select.append(new Option(l, v));
    select.value =
      value === null || value === undefined ? (emptyLabel === undefined ? "false" : "") : String(value);
    input = select;
  } else if (field === "note" || field === "current_use") {
    input = document.createElement("textarea");
    input.rows = 2;
    input.value = value === null || value === undefined ? "" : String(value);
  } else {
    const text = document.createElement("input");
    text.type = kind === "date" ? "date" : kind === "number" || kind === "integer" ? "text" : "text";
    if (kind === "number" || kind === "integer") text.inputMode = "decimal";
    text.value = value === null || value === undefined ? "" : String(value);
    input = text;
  }
  input.id = id;
  input.name = field;
  input.dataset.kind = kind;
  if (required) input.setAttribute("aria-required", "true");
  const message = document.createElement("small");
  message.className = "field-error";
  message.id = `${id}-error`;
  message.setAttribute("aria-live", "polite");
  input.setAttribute("aria-describedby", message.id);
  wrap.append(label, input, message);
  return wrap;
}

/** The typed value of a field input: "" is null, numbers parsed, booleans read. */
export function readInput(
  input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
): Parsed<unknown> {
  const raw = input.value.trim();
  if (raw === "") return { ok: true, value: null };
  const kind = input.dataset.kind;
  if (kind === "boolean") return { ok: true, value: raw === "true" };
  if (kind !== "number" && kind !== "integer") return { ok: true, value: raw };
  // Coordinates are decimals ("21.028" has three decimals, not a group of thousands); other numbers
  // are read as the import reads them: "2.500" is refused as ambiguous, "2.500,5" is 2500.5.
  if (input.name === "lng" || input.name === "lat") {
    const n = Number(raw.replace(",", "."));
    return Number.isFinite(n) ? { ok: true, value: n } : parseNumber(raw);
  }
  return parseNumber(raw);
}

/**
 * Values of every input inside a form, by field name. Throws an ApiError (422, as the server would
 * answer) when a number cannot be read, so that its message shows beside its field.
 */
export function readForm(form: HTMLElement): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const fields: { field: string; message: string; message_vi: string }[] = [];
  const inputs = form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
    "input[name], select[name], textarea[name]",
  );
  for (const input of Array.from(inputs)) {
    const read = readInput(input);
    // What the server would refuse of a value read (a year out of range, a day that has not come)
    // is said now too, with the values that cannot be read: one round of corrections.
    const checked =
      read.ok && input.name in FIELDS ? checkFieldValue(input.name as FieldName, read.value) : read;
    if (checked.ok) values[input.name] = checked.value;
    else fields.push({ field: input.name, message: checked.message, message_vi: checked.message_vi });
  }
  if (fields.length > 0)
    throw new ApiError(422, {
      error: {
        code: "invalid_fields",
        message: "Some fields are not valid",
        message_vi: "Một số trường không hợp lệ",
        details: { fields },
      },
    });
  return values;
}

/** Puts the server's messages next to their fields; returns the messages no field showed. */
export function showFieldErrors(
  form: HTMLElement,
  errors: { field: string; message: string; message_vi?: string }[],
  lang: Lang,
): string[] {
  for (const slot of Array.from(form.querySelectorAll<HTMLElement>(".field-error"))) slot.textContent = "";
  for (const wrap of Array.from(form.querySelectorAll<HTMLElement>(".field")))
    wrap.classList.remove("invalid");
  const unshown: string[] = [];
  for (const e of errors) {
    const text = (lang === "vi" ? e.message_vi : undefined) ?? e.message;
    const wrap = form.querySelector<HTMLElement>(`.field[data-field="${CSS.escape(e.field)}"]`);
    const slot = wrap?.querySelector<HTMLElement>(".field-error");
    if (wrap && slot) {
      wrap.classList.add("invalid");
      slot.textContent = slot.textContent ? `${slot.textContent}; ${text}` : text;
      wrap.querySelector<HTMLElement>("input, select, textarea")?.setAttribute("aria-invalid", "true");
    } else unshown.push(`${fieldLabel(e.field, lang)}: ${text}`);
  }
  form
    .querySelector<HTMLElement>(".field.invalid input, .field.invalid select, .field.invalid textarea")
    ?.focus();
  return unshown;
}

/** Same value as far as the form is concerned. */
export function sameValue(a: unknown, b: unknown): boolean {
  return (a ?? null) === (b ?? null) || String(a ?? "") === String(b ?? "");
}
