/**
 * JSON answers kept, gzipped, until the register changes: the map and the dashboard ask every
 * visitor the same questions, and each answer costs tens to hundreds of milliseconds to compute.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { vietnamDay } from "@diagioi/core";
import type { Context } from "hono";
import type { AppEnv } from "./context.ts";

export class AnswerCache {
  private readonly answers = new GenerationCache<Buffer>(32);

  /**
   * The answer to `question` (with today's date, on which some answers depend), computed by
   * `compute` unless the register has not changed since it last was.
   */
  async respond(c: Context<AppEnv>, question: unknown, compute: () => Promise<unknown>): Promise<Response> {
    const { history } = c.get("services");
    await history.refresh();
    const key = `${vietnamDay()} ${c.req.path} ${JSON.stringify(question)}`;
    const generation = history.generation;
    let body = this.answers.get(key, generation);
    if (body === undefined) {
      body = gzipSync(JSON.stringify(await compute()));
      this.answers.set(key, generation, body);
    }
    c.header("content-type", "application/json");
    c.header("vary", "accept-encoding");
    if (/\bgzip\b/.test(c.req.header("accept-encoding") ?? "")) {
      c.header("content-encoding", "gzip");
      return c.body(new Uint8Array(body), 200);
    }
    return c.body(gunzipSync(body).toString(), 200);
  }
}

/** Values kept while a generation number stays the same, the oldest dropped beyond a size. */
export class GenerationCache<T> {
  private readonly entries = new Map<string, { generation: number; value: T }>();

  constructor(private readonly size: number) {}

  get(key: string, generation: number): T | undefined {
    const entry = this.entries.get(key);
    return entry?.generation === generation ? entry.value : undefined;
  }

  set(key: string, generation: number, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { generation, value });
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
