/** `diagioi lookup`, `trace` and `locate`. */

import type { Readable, Writable } from "node:stream";
import type { Diagioi, Link, Unit, UnitLevel } from "@diagioi/core";
import { UnusableInput } from "./errors.ts";
import { linesOf, textChunks } from "./input.ts";
import { type Format, RecordWriter, type Row } from "./output.ts";

const UNIT_COLUMNS = [
  "code",
  "level",
  "kind",
  "full_name",
  "full_name_en",
  "parent_code",
  "valid_from",
  "valid_to",
];

function unitRow(unit: Unit): Row {
  return {
    code: unit.code,
    level: unit.level,
    kind: unit.kind,
    full_name: unit.fullName,
    full_name_en: unit.fullNameEn,
    parent_code: unit.parentCode,
    valid_from: unit.validFrom,
    valid_to: unit.validTo,
  };
}

/** Units by code (every version when no date is given) or by name. */
export async function runLookup(
  diagioi: Diagioi,
  query: string,
  options: { date?: string; level?: UnitLevel; format: Format },
  out: Writable,
): Promise<number> {
  const isCode = /^\d{2,5}$/.test(query.trim());
  const units = isCode
    ? options.date
      ? [diagioi.units.byCode(query.trim(), { date: options.date, level: options.level })].filter(
          (u): u is Unit => !!u,
        )
      : [...diagioi.units.versionsOf(query.trim(), options.level)]
    : diagioi.units.byName(query, { date: options.date ?? "*", level: options.level });
  const writer = new RecordWriter(out, options.format, UNIT_COLUMNS);
  for (const unit of units) await writer.row(unitRow(unit));
  await writer.end();
  return units.length;
}

const TRACE_COLUMNS = [
  "direction",
  "unit",
  "valid",
  "kind",
  "other_code",
  "other_full_name",
  "legal_ref",
  "legal_clause",
  "sources",
  "certainty",
];

/** Every version of a code since 2004, what each was formed from and what it became. */
export async function runTrace(
  diagioi: Diagioi,
  code: string,
  options: { level?: UnitLevel; format: Format },
  out: Writable,
): Promise<number> {
  if (!/^\d{1,5}$/.test(code.trim()))
    throw new UnusableInput(`trace needs a unit code (digits), got "${code}"`);
  const versions = diagioi.units.versionsOf(code.trim(), options.level);
  if (versions.length === 0) return 0;
  const writer = new RecordWriter(out, options.format, TRACE_COLUMNS);
  const valid = (u: Unit) => `${u.validFrom || "…"} – ${u.validTo || "now"}`;
  const linkRow = (direction: string, unit: Unit, link: Link, other: "old" | "new"): Row => ({
    direction,
    unit: `${unit.code} ${unit.fullName}`,
    valid: valid(unit),
    kind: link.kind,
    other_code: other === "old" ? link.oldCode : link.newCode,
    other_full_name: other === "old" ? link.oldFullName : link.newFullName,
    legal_ref: link.legalRef,
    legal_clause: link.legalClause,
    sources: link.sources.join(";"),
    // Before 2025: "uncertain" when the link is one of several alternatives within a district.
    certainty: link.certainty ?? "",
  });
  for (const unit of versions) {
    const before = diagioi.lineage.predecessorsOf(unit);
    const after = diagioi.lineage.successorsOf(unit);
    if (before.length === 0 && after.length === 0) {
      await writer.row({ direction: "version", unit: `${unit.code} ${unit.fullName}`, valid: valid(unit) });
    }
    for (const link of before)
      await writer.row(linkRow("formed from", unit, link, "old"), {
        direction: "formed_from",
        unit: unitRow(unit),
        link,
      });
    for (const link of after)
      await writer.row(linkRow("became", unit, link, "new"), {
        direction: "became",
        unit: unitRow(unit),
        link,
      });
    // A version that ended: where its chain of changes leads today, however many steps away.
    if (unit.validTo === "") continue;
    for (const { unit: now, path } of diagioi.lineage.destinations(unit))
      await writer.row(
        {
          direction: "today",
          unit: `${unit.code} ${unit.fullName}`,
          valid: valid(unit),
          kind: path.length === 1 ? (path[0]?.kind ?? "") : `${path.length} steps`,
          other_code: now.code,
          other_full_name: now.fullName,
          legal_ref: path.map((link) => link.legalRef || "?").join(" → "),
          certainty: path.some((link) => link.certainty === "uncertain") ? "uncertain" : "certain",
        },
        { direction: "today", unit: unitRow(unit), today: unitRow(now), path },
      );
  }
  await writer.end();
  return versions.length;
}

const LOCATE_COLUMNS = ["lng", "lat", "code", "full_name", "province_code"];

/** Points ("lng,lat", one per line or as arguments) → the commune containing each. */
export async function runLocate(
  diagioi: Diagioi,
  points: string[],
  stdin: Readable,
  options: { format: Format },
  out: Writable,
  err: Writable,
): Promise<number> {
  const locator = diagioi.locator;
  if (!locator) throw new Error("boundaries are not loaded");
  const writer = new RecordWriter(out, options.format, LOCATE_COLUMNS);
  let line = 0;
  let count = 0;
  const source = points.length > 0 ? points : linesOf(textChunks(stdin, "standard input"));
  for await (const text of source) {
    line++;
    if (!text.trim()) continue;
    const [lngText, latText] = text.split(",");
    const lng = Number(lngText);
    const lat = Number(latText);
    if (!lngText?.trim() || !latText?.trim() || !Number.isFinite(lng) || !Number.isFinite(lat)) {
      err.write(`line ${line}: expected "lng,lat", got "${text.slice(0, 80)}"\n`);
      continue;
    }
    const found = locator.locate(lng, lat);
    const unit = found ? diagioi.units.byCode(found.code, { level: "commune" }) : undefined;
    const record = {
      lng,
      lat,
      code: found?.code ?? null,
      full_name: unit?.fullName ?? null,
      province_code: found?.province_code ?? null,
    };
    await writer.row(record);
    count++;
  }
  await writer.end();
  return count;
}
