/**
 * Shapes that no arrangement can have, checked on the 2025 links once every source has been
 * reconciled; the build fails on any of them.
 */
import { type ChangeKind, PARTIAL_KINDS } from "@diagioi/core";

/** A link as far as the check needs it (a row of lineage.csv). */
export interface ShapeLink {
  effective_date: string;
  old_code: string;
  old_level: "province" | "district" | "commune";
  new_code: string;
  kind: ChangeKind;
}

/** Kinds that say the whole old unit went into the one new unit. */
const UNDIVIDED: ReadonlySet<ChangeKind> = new Set(["whole", "kept", "renamed", "retyped", "special_zone"]);

/**
 * One message per impossible shape among the links of 2025-07-01 below province level:
 * - a partial link from a unit that has no other successor, unless a clause names the unit's
 *   remainder (*phần còn lại*), which says that the rest went on but not where;
 * - an undivided link (whole, kept, renamed, retyped, special zone) from a unit with several
 *   successors; a district's successors include those of its communes.
 *
 * `remainders` holds the old units some clause names as a remainder; `districtOfCommune` gives an
 * old commune's district.
 *
 * @example
 * impossibleShapes([{ effective_date: "2025-07-01", old_code: "23053", old_level: "commune", new_code: "23053", kind: "part" }], new Set())
 * // ["23053→23053: part, but 23053 has no other successor and no clause names its remainder"]
 */
export function impossibleShapes(
  links: ShapeLink[],
  remainders: ReadonlySet<string>,
  districtOfCommune: (code: string) => string | undefined = () => undefined,
): string[] {
  const merger = links.filter((l) => l.effective_date === "2025-07-01" && l.old_level !== "province");
  const successors = new Map<string, Set<string>>();
  const add = (code: string, target: string) =>
    successors.set(code, (successors.get(code) ?? new Set()).add(target));
  for (const link of merger) add(`${link.old_level}:${link.old_code}`, link.new_code);
  for (const link of merger) {
    const district = link.old_level === "commune" ? districtOfCommune(link.old_code) : undefined;
    if (district) add(`district:${district}`, link.new_code);
  }

  const problems: string[] = [];
  for (const link of merger) {
    const count = successors.get(`${link.old_level}:${link.old_code}`)?.size ?? 0;
    const subject = `${link.old_code}→${link.new_code}`;
    if (PARTIAL_KINDS.has(link.kind) && count === 1 && !remainders.has(link.old_code))
      problems.push(
        `${subject}: ${link.kind}, but ${link.old_code} has no other successor and no clause names its remainder`,
      );
    if (UNDIVIDED.has(link.kind) && count > 1)
      problems.push(`${subject}: ${link.kind}, but ${link.old_code} has ${count} successors`);
  }
  return problems;
}
