/** From validated query strings to the storage filter. */
import { vietnamDay } from "@diagioi/core";
import type { Filter } from "../http/schemas.ts";
import type { FacilityFilter } from "../repo/facilities.ts";

export function filterOf(query: Filter): FacilityFilter {
  return {
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
