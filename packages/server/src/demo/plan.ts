/**
 * The demo register's figures: how many facilities, which are withdrawn, which are decided by when,
 * so that the national totals follow the reported ones (domain.md §2):
 * - 30/09/2025: 27,809 listed, 14,050 handled (13,759 remaining);
 * - 26/12/2025: 25,143 listed after revisions, 19,658 handled; largest backlogs Quảng Ngãi 791,
 *   Lâm Đồng 514, Đồng Tháp 440, Bắc Ninh 413 (the report's "5,488 remaining" is 3 more than
 *   25,143 − 19,658; the demo keeps the two totals);
 * - early 2026: about 29,000 listed once later additions were counted; 30 of 34 provinces done by January.
 */

export const FIRST_REPORT = "2025-09-30";
export const SECOND_REPORT = "2025-12-26";
export const LISTED_AT_FIRST = 27_809;
export const HANDLED_AT_FIRST = 14_050;
export const LISTED_AT_SECOND = 25_143;
export const HANDLED_AT_SECOND = 19_658;
export const LATER_ADDITIONS = 3_700;
/** The last day of the demo history. */
export const HISTORY_END = "2026-06-30";

/** New province code → pending facilities on 26/12/2025 as reported. */
export const REPORTED_BACKLOG: Readonly<Record<string, number>> = {
  "51": 791,
  "68": 514,
  "82": 440,
  "24": 413,
};

export interface Slot {
  province: string;
  /** Registered in the first wave (listed by 30/09/2025) or added in 2026. */
  wave: "first" | "later";
  withdrawn: boolean;
  /** When the decision was issued; null when still pending at the end of the history. */
  decided: string | null;
}

/**
 * Gives each facility (identified by its province, in a seeded order) its wave, withdrawal and
 * decision day, meeting the reported figures exactly.
 */
export function planTimeline(provinces: string[], next: () => number): Slot[] {
  const total = LISTED_AT_FIRST + LATER_ADDITIONS;
  if (provinces.length !== total)
    throw new Error(`the plan needs ${total} facilities, got ${provinces.length}`);
  const slots: Slot[] = provinces.map((province, i) => ({
    province,
    wave: i < LISTED_AT_FIRST ? "first" : "later",
    withdrawn: false,
    decided: null,
  }));
  const first = slots.filter((s) => s.wave === "first");
  for (const s of shuffled(first, next).slice(0, LISTED_AT_FIRST - LISTED_AT_SECOND)) s.withdrawn = true;

  const active = first.filter((s) => !s.withdrawn);
  const backlog = backlogByProvince(active, LISTED_AT_SECOND - HANDLED_AT_SECOND);
  const handledBySecond: Slot[] = [];
  for (const [province, pending] of backlog) {
    const mine = shuffled(
      active.filter((s) => s.province === province),
      next,
    );
    for (const s of mine.slice(0, pending)) s.decided = afterSecondReport(province, next);
    handledBySecond.push(...mine.slice(pending));
  }
  const early = shuffled(handledBySecond, next);
  early.forEach((s, i) => {
    s.decided =
      i < HANDLED_AT_FIRST ? day("2025-07-20", FIRST_REPORT, next) : day("2025-10-01", SECOND_REPORT, next);
  });
  for (const s of slots.filter((s) => s.wave === "later")) {
    s.decided = next() < 0.75 ? day("2026-02-20", HISTORY_END, next) : null;
  }
  return slots;
}

/** Pending on 26/12/2025 per province: the reported backlogs, the rest shared by size (at most 400). */
function backlogByProvince(active: Slot[], pendingTotal: number): Map<string, number> {
  const size = new Map<string, number>();
  for (const s of active) size.set(s.province, (size.get(s.province) ?? 0) + 1);
  const result = new Map<string, number>(Object.entries(REPORTED_BACKLOG));
  const others = [...size.keys()].filter((p) => !result.has(p)).sort();
  let remaining = pendingTotal - [...result.values()].reduce((a, b) => a + b, 0);
  const otherSize = others.reduce((a, p) => a + (size.get(p) ?? 0), 0);
  for (const p of others)
    result.set(p, Math.min(400, Math.floor((remaining * (size.get(p) ?? 0)) / otherSize)));
  remaining -= others.reduce((a, p) => a + (result.get(p) ?? 0), 0);
  for (let i = 0; remaining > 0; i = (i + 1) % others.length) {
    const p = others[i] as string;
    if ((result.get(p) ?? 0) < 400) {
      result.set(p, (result.get(p) ?? 0) + 1);
      remaining--;
    }
  }
  return result;
}

/** The four lagging provinces keep some facilities pending; the others finish in January 2026. */
function afterSecondReport(province: string, next: () => number): string | null {
  if (province in REPORTED_BACKLOG) return next() < 0.6 ? day("2026-01-05", HISTORY_END, next) : null;
  return day("2025-12-29", "2026-01-30", next);
}

export function day(from: string, to: string, next: () => number): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return new Date(a + Math.floor(next() * ((b - a) / 86_400_000 + 1)) * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

export function shuffled<T>(items: readonly T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
