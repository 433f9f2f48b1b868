/**
 * Figures of the register as of a day, computed from the event history: every event records the
 * facility's state after it, so the state on any past day is that of its last event by then.
 */
import {
  CATEGORIES,
  type Category,
  CLOSED_STAGES,
  type DisposalOption,
  HANDLED_STAGES,
  OPTION_CATEGORY,
  type Stage,
} from "./sets.ts";

/** Deadline for a facility without one of its own: a decision by 31/12/2025 (dispatch 213/CĐ-TTg). */
export const NATIONAL_DECISION_DEADLINE = "2025-12-31";

/** Weekly points a progress series holds at most (/api/stats/series): over two years, one by one. */
export const SERIES_WEEKS = 120;

/** Days are Vietnam's (UTC+7): "as of 2025-12-26" means before midnight of the 26th in Hà Nội. */
export const VIETNAM_UTC_OFFSET_HOURS = 7;

/**
 * The instant a day ends in Vietnam, as an ISO UTC string (events are stored with such instants).
 *
 * @example
 * endOfDay("2025-12-26"); // "2025-12-26T17:00:00.000Z"
 */
export function endOfDay(date: string): string {
  const end = new Date(`${date}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  end.setUTCHours(end.getUTCHours() - VIETNAM_UTC_OFFSET_HOURS);
  return end.toISOString();
}

/** Vietnam's calendar day of an instant. */
export function vietnamDay(instant: Date = new Date()): string {
  return new Date(instant.getTime() + VIETNAM_UTC_OFFSET_HOURS * 3_600_000).toISOString().slice(0, 10);
}

/** Reporting category of a facility's state: its option's category once handled, else `pending`. */
export function categoryOf(stage: Stage, option: DisposalOption | null): Category {
  if (!HANDLED_STAGES.has(stage) || option === null) return "pending";
  return OPTION_CATEGORY[option];
}

/**
 * Overdue on a day: past its own deadline and not done, or past the national deadline with no
 * decision, whatever its own deadline (a later one set at handover does not lift the national one).
 *
 * @example
 * isOverdue("plan_drafted", null, "2026-01-05"); // true
 * isOverdue("handed_over", "2026-12-31", "2026-01-05"); // true: no decision after 31/12/2025
 * isOverdue("executing", "2026-06-30", "2026-01-05"); // false
 */
export function isOverdue(stage: Stage, deadline: string | null, date: string): boolean {
  return isOverdueOnDay(stage, deadline === null ? null : dayNumber(deadline), dayNumber(date));
}

/** {@link isOverdue} with days as numbers (days since 1970-01-01), for passes over many facilities. */
export function isOverdueOnDay(stage: Stage, deadlineDay: number | null, day: number): boolean {
  if (CLOSED_STAGES.has(stage)) return false;
  if (!HANDLED_STAGES.has(stage) && NATIONAL_DEADLINE_DAY < day) return true;
  return deadlineDay !== null && deadlineDay < day;
}

/** Days since 1970-01-01 of an ISO date. */
export function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

const NATIONAL_DEADLINE_DAY = dayNumber(NATIONAL_DECISION_DEADLINE);

/** How many facilities stood in one state at the end of a day, and whether they were overdue that day. */
export interface StateCount {
  province_code: string;
  stage: Stage;
  option: DisposalOption | null;
  overdue: boolean;
  count: number;
}

export interface Figures {
  total: number;
  handled: number;
  pending: number;
  overdue: number;
  by_category: Record<Category, number>;
}

export interface Stats extends Figures {
  date: string;
  by_province: Record<string, Figures>;
}

/**
 * Sums state counts into the national and per-province figures of a day. Withdrawn facilities are
 * not counted. `by_category` adds up to `total` (the unhandled ones under `pending`).
 *
 * @example
 * summarize("2025-12-26", [{ province_code: "51", stage: "decided", option: "sale", overdue: false, count: 3 }]);
 * // { date: "2025-12-26", total: 3, handled: 3, pending: 0, by_category: { other: 3, … }, by_province: { "51": … } }
 */
export function summarize(date: string, counts: readonly StateCount[]): Stats {
  const national = emptyFigures();
  const byProvince: Record<string, Figures> = {};
  for (const row of counts) {
    if (row.stage === "withdrawn" || row.count === 0) continue;
    const province = byProvince[row.province_code] ?? emptyFigures();
    byProvince[row.province_code] = province;
    for (const figures of [national, province]) add(figures, row);
  }
  const sorted = Object.fromEntries(Object.entries(byProvince).sort(([a], [b]) => a.localeCompare(b)));
  return { date, ...national, by_province: sorted };
}

function add(figures: Figures, row: StateCount): void {
  figures.total += row.count;
  const category = categoryOf(row.stage, row.option);
  figures.by_category[category] += row.count;
  if (category === "pending") figures.pending += row.count;
  else figures.handled += row.count;
  if (row.overdue) figures.overdue += row.count;
}

function emptyFigures(): Figures {
  const by_category = Object.fromEntries(CATEGORIES.values.map((c) => [c, 0])) as Record<Category, number>;
  return { total: 0, handled: 0, pending: 0, overdue: 0, by_category };
}

/** What an event records of the facility's state after it. */
export interface StateEvent {
  facility_id: number;
  /** The facility's version after the event. */
  version: number;
  /** ISO UTC instant. */
  at: string;
  province_code: string;
  stage: Stage;
  option: DisposalOption | null;
  deadline: string | null;
}

/**
 * The state of each facility at the end of a day, from its events: the reference the database
 * query is tested against.
 */
export function statesAsOf(events: Iterable<StateEvent>, date: string): StateCount[] {
  const end = endOfDay(date);
  const last = new Map<number, StateEvent>();
  for (const e of events) {
    if (e.at >= end) continue;
    const seen = last.get(e.facility_id);
    if (!seen || seen.version < e.version) last.set(e.facility_id, e);
  }
  return [...last.values()].map((e) => ({
    province_code: e.province_code,
    stage: e.stage,
    option: e.option,
    overdue: isOverdue(e.stage, e.deadline, date),
    count: 1,
  }));
}
