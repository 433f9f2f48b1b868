/** From validated query strings to the storage filter. */
import { type Diagioi, vietnamDay } from "@diagioi/core";
import { ApiError, invalidField } from "../errors.ts";
import type { Filter } from "../http/schemas.ts";
import type { FacilityFilter } from "../repo/facilities.ts";
import type { User } from "../repo/users.ts";

/**
 * The storage filter for a caller: flags are not public, so an anonymous caller may not filter by
 * them (a list of the disputed ones would tell them), and its `q` searches the public fields only.
 */
export function filterOf(query: Filter, user: User | null, diagioi: Diagioi): FacilityFilter {
  checkCodes(diagioi, "province", query.province);
  checkCodes(diagioi, "commune", query.commune);
  if (!user && query.flag?.length)
    throw new ApiError(
      401,
      "unauthenticated",
      "log in to filter by flags: they are not public",
      "Cần đăng nhập để lọc theo dấu hiệu: các dấu hiệu không công khai",
    );
  return {
    publicOnly: !user,
    province: query.province,
    commune: query.commune,
    stage: query.stage,
    option: query.option,
    category: query.category,
    flag: query.flag,
    overdue: query.overdue ? { on: vietnamDay(), is: query.overdue === "1" } : undefined,
    bbox: query.bbox ? (query.bbox.split(",").map(Number) as [number, number, number, number]) : undefined,
    q: query.q,
  };
}

/** What a code that names no unit of today is told, by level. */
const UNKNOWN_CODE = {
  province: [
    "not the code of a province of today (34 provinces, 01 … 96)",
    "không phải mã của một tỉnh, thành phố hiện nay",
  ],
  commune: [
    "not the code of a commune of today (convert an old one first)",
    "không phải mã của một xã, phường hiện nay",
  ],
} as const;

/**
 * 422 for a code that names no province or commune of today: an old code ("35", Hà Nam; "00052",
 * Phường Hàng Bồ) or a typo would otherwise filter everything out without a word.
 */
export function checkCodes(
  diagioi: Diagioi,
  level: keyof typeof UNKNOWN_CODE,
  codes: readonly string[] | string | undefined,
): void {
  const unknown = [codes ?? []]
    .flat()
    .filter((code) => !diagioi.units.byCode(code, { level, date: vietnamDay() }));
  if (unknown.length === 0) return;
  const [what, whatVi] = UNKNOWN_CODE[level];
  throw invalidField(level, `${unknown.join(", ")}: ${what}`, `${unknown.join(", ")}: ${whatVi}`);
}
