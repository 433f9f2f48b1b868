/** From validated query strings to the storage filter. */
import { vietnamDay } from "@diagioi/core";
import { ApiError } from "../errors.ts";
import type { Filter } from "../http/schemas.ts";
import type { FacilityFilter } from "../repo/facilities.ts";
import type { User } from "../repo/users.ts";

/**
 * The storage filter for a caller: flags are not public, so an anonymous caller may not filter by
 * them (a list of the disputed ones would tell them), and its `q` searches the public fields only.
 */
export function filterOf(query: Filter, user: User | null): FacilityFilter {
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
