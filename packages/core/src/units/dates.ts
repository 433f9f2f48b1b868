let cached = { until: 0, date: "" };

/** Today's date as an ISO string (YYYY-MM-DD), in the machine's time zone. */
export function today(): string {
  const time = Date.now();
  if (time < cached.until) return cached.date;
  const now = new Date(time);
  const month = String(now.getMonth() + 1).padStart(2, "0");
  const day = String(now.getDate()).padStart(2, "0");
  cached = { until: time + 1000, date: `${now.getFullYear()}-${month}-${day}` };
  return cached.date;
}

/** True when an ISO date falls within [validFrom, validTo]; empty bounds are open. */
export function inForce(unit: { validFrom: string; validTo: string }, date: string): boolean {
  return (unit.validFrom === "" || unit.validFrom <= date) && (unit.validTo === "" || date <= unit.validTo);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a date argument; throws a message a caller can act on. */
export function checkDate(date: string): string {
  if (!ISO_DATE.test(date)) throw new Error(`date must be YYYY-MM-DD, got "${date}"`);
  // 2015-13-01 or 2025-02-30 pass the pattern but name no day.
  const day = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== date)
    throw new Error(`date must be a day of the calendar, got "${date}"`);
  return date;
}

/**
 * The ISO date `n` days after another (before it for a negative `n`).
 *
 * @example
 * addDays("2025-06-30", 1); // "2025-07-01"
 */
export function addDays(isoDate: string, n: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** The ISO date after another. */
export function dayAfter(isoDate: string): string {
  return addDays(isoDate, 1);
}
