/** From validated query strings to the storage filter. */
import { type Diagioi, vietnamDay } from "@diagioi/core";
import { ApiError } from "../errors.ts";
import type { Filter } from "../http/schemas.ts";
import { communeOfToday, provinceOfToday } from "../place.ts";
import type { FacilityFilter } from "../repo/facilities.ts";
import type { User } from "../repo/users.ts";

/**
 * The storage filter for a caller: flags are not public, so an anonymous caller may not filter by
 * them (a list of the disputed ones would tell them), and its `q` searches the public fields only.
 */
export function filterOf(query: Filter, user: User | null, diagioi: Diagioi): FacilityFilter {
  checkProvinces(diagioi, query.province);
  checkCommunes(diagioi, query.commune);
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
    overdueOn: query.overdue === "1" ? vietnamDay() : undefined,
    bbox: query.bbox ? (query.bbox.split(",").map(Number) as [number, number, number, number]) : undefined,
    q: query.q,
  };
}

/**
 * 422 for a code that names no province of today: an old province's code ("35", Hà Nam) or a typo
 * would otherwise filter everything out without a word.
 */
/**
 * 422 for a code that names no commune of today: facilities are placed in today's communes, so an
 * old ward's code ("00052", Phường Hàng Bồ) would find none without a word.
 */
function checkCommunes(diagioi: Diagioi, codes: readonly string[] | undefined): void {
  const unknown = (codes ?? []).filter((code) => !communeOfToday(diagioi, code));
  if (unknown.length === 0) return;
  const message = `${unknown.join(", ")}: not the code of a commune of today (convert an old one first)`;
  throw new ApiError(
    422,
    "validation_failed",
    message,
    `${unknown.join(", ")}: không phải mã của một xã, phường hiện nay`,
    { fields: [{ field: "commune", message }] },
  );
}

export function checkProvinces(diagioi: Diagioi, codes: readonly string[] | string | undefined): void {
  if (codes === undefined) return;
  const unknown = (typeof codes === "string" ? [codes] : codes).filter(
    (code) => !provinceOfToday(diagioi, code),
  );
  if (unknown.length === 0) return;
  const message = `${unknown.join(", ")}: not the code of a province of today (34 provinces, 01 … 96)`;
  throw new ApiError(
    422,
    "validation_failed",
    message,
    `${unknown.join(", ")}: không phải mã của một tỉnh, thành phố hiện nay`,
    { fields: [{ field: "province", message }] },
  );
}
