/**
 * Each server process keeps the event history in a compact in-memory index (core's HistoryIndex)
 * and reads only the events appended since its last look before answering a figure. Several
 * processes (or another command writing to the same database) therefore agree.
 */
import { type DisposalOption, HistoryIndex, type Stage, type StateCount } from "@diagioi/core";
import type { Db } from "./db/database.ts";
import { isPostgres } from "./db/dialect.ts";

/**
 * PostgreSQL hands out ids before commit, so a smaller id can become visible after a larger one:
 * re-read this many ids below the highest seen, skipping those already indexed.
 */
const REREAD_WINDOW = 2_000;
const PAGE = 50_000;

export class EventHistory {
  private readonly index = new HistoryIndex();
  private highest = 0;
  private seen = 0;
  private recent = new Set<number>();
  private pending: Promise<void> | undefined;

  constructor(private readonly db: Db) {}

  /** Figures' raw counts at the end of a day, after catching up with the database. */
  async statesAsOf(date: string, province?: string): Promise<StateCount[]> {
    await this.refresh();
    return this.index.statesAsOf(date, province);
  }

  /** The same for several days at once, in one pass. */
  async statesAsOfMany(dates: readonly string[], province?: string): Promise<StateCount[][]> {
    await this.refresh();
    return this.index.statesAsOfMany(dates, province);
  }

  /**
   * Changes whenever the register did: every write appends an event in its transaction. Read it
   * after {@link refresh}; whatever was read from the register after that is at least this new.
   */
  get generation(): number {
    return this.seen;
  }

  /** Reads the events appended since the last call (one caller at a time). */
  refresh(): Promise<void> {
    this.pending ??= this.catchUp().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async catchUp(): Promise<void> {
    const window = isPostgres(this.db as never) ? REREAD_WINDOW : 0;
    let after = Math.max(0, this.highest - window);
    for (;;) {
      const rows = await this.db
        .selectFrom("events")
        .select(["id", "facility_id", "version", "at", "province_code", "stage", "option", "deadline"])
        .where("id", ">", after)
        .orderBy("id")
        .limit(PAGE)
        .execute();
      const fresh = rows.filter((r) => r.id > this.highest || !this.recent.has(r.id));
      this.index.add(
        fresh.map((r) => ({ ...r, stage: r.stage as Stage, option: r.option as DisposalOption | null })),
      );
      this.seen += fresh.length;
      for (const r of fresh) {
        this.recent.add(r.id);
        if (r.id > this.highest) this.highest = r.id;
      }
      if (rows.length < PAGE) break;
      after = (rows[rows.length - 1] as { id: number }).id;
    }
    if (this.recent.size > 4 * REREAD_WINDOW) {
      this.recent = new Set([...this.recent].filter((id) => id > this.highest - REREAD_WINDOW));
    }
  }
}
