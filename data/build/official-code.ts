/**
 * Which code a new commune takes when the unit list and the statistics office's code list
 * 1027/CTK-CSCL disagree. A new unit reuses the code of one of its predecessors, and the
 * conversion table writes the code it settled on beside every predecessor; 1027's code is taken
 * only when the table uses it for the unit too.
 */
import { nameKey } from "@diagioi/core";
import type { ConversionRow } from "./sources.ts";
import type { UnitRow } from "./units.ts";

export interface CodeDecision {
  code: string;
  /** What the sources say, for the quality report. */
  detail: string;
  /** What the dataset does, and why. */
  resolution: string;
}

/** Undefined when 1027/CTK-CSCL lists the unit's own code, or no code under its name. */
export function decideCode(
  unit: UnitRow,
  official: Map<string, string>,
  oldCommunes: Map<string, UnitRow>,
  table: ConversionRow[],
): CodeDecision | undefined {
  if (official.has(unit.code)) return undefined;
  const key = nameKey(unit.full_name);
  const named = [...official].filter(
    ([code, fullName]) => nameKey(fullName) === key && oldCommunes.get(code) !== undefined,
  );
  const listed = named.length === 1 ? named[0]?.[0] : undefined;
  if (!listed) return undefined;
  const rows = table.filter((row) => nameKey(row.newFullName) === key);
  const tableCodes = [...new Set(rows.map((row) => row.newCode))];
  const owner = oldCommunes.get(listed) as UnitRow;
  if (tableCodes.includes(listed)) {
    const ownRow = rows.some((row) => row.oldCode === listed && row.newCode === listed);
    return {
      code: listed,
      detail: `The unit list gives ${unit.full_name} the code ${unit.code}; the statistics office's list 1027/CTK-CSCL and its conversion table give ${listed}${ownRow ? `, the code of its predecessor ${owner.full_name}` : ""}.`,
      resolution: `Use ${listed}, the statistics office's code; quality.json lists ${unit.code} under \`codeAliases\`, and a row written with it converts by its name.`,
    };
  }
  const ownerRows = table.filter((row) => row.oldCode === listed);
  const ownerWent = ownerRows.map((row) => `${row.newFullName} ${row.newCode}`).join(", ");
  const lines = rows.map((row) => row.line).join(", ");
  return {
    code: unit.code,
    detail: `The statistics office's list 1027/CTK-CSCL gives ${unit.full_name} the code ${listed}; its conversion table (line ${lines}: ${rows.map((r) => `${r.oldFullName} ${r.oldCode} → ${r.newCode}, "${r.note}"`).join("; ")}) and the unit lists give ${tableCodes.join(", ") || unit.code}. ${listed} is the code of the old ${owner.full_name}, which the table links to ${ownerWent || "no new unit"}.`,
    resolution: `Keep ${unit.code}: a new unit reuses the code of one of its predecessors, and ${listed} belongs to ${owner.full_name}, which is not one of them (1027's row takes the code of a similar name)${rows.some((row) => row.oldCode === unit.code) ? `; ${unit.code} is its predecessor's own code` : ""}.`,
  };
}
