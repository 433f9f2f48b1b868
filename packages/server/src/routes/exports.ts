/** Exports of the filtered facilities as CSV, XLSX or GeoJSON (public fields for anonymous visitors). */

import { vietnamDay } from "@diagioi/core";
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { GenerationCache } from "../http/cached.ts";
import type { App, AppEnv } from "../http/context.ts";
import { FilterQuery } from "../http/schemas.ts";
import {
  type BuiltExport,
  buildExport,
  type ExportFormat,
  exportName,
  EXPORT_TYPES as FORMATS,
} from "../io/build-export.ts";
import { filterOf } from "./filters.ts";

/**
 * Files built, kept until the register changes: the same export asked for again (or by several
 * callers at once) is built once, since building one takes seconds (on the export worker, when the
 * server has one).
 */
const built = new GenerationCache<Promise<BuiltExport>>(4);

export function exportRoutes(app: App): void {
  for (const format of Object.keys(FORMATS) as ExportFormat[]) {
    app.openapi(
      createRoute({
        method: "get",
        path: `/api/export.${format}`,
        tags: ["export"],
        summary: `The facilities matching the filters as ${format.toUpperCase()}`,
        request: { query: FilterQuery },
        responses: {
          200: {
            description: `A ${format.toUpperCase()} file.`,
            content: { [FORMATS[format]]: { schema: { type: "string", format: "binary" } } },
          },
        },
      }),
      async (c: Context<AppEnv>) => {
        // biome-ignore lint/suspicious/noExplicitAny: the route's validated query
        const query = (c.req as any).valid("query");
        const { history } = c.get("services");
        const signedIn = c.get("user") !== null;
        const filter = filterOf(query, c.get("user"), c.get("services").diagioi);
        c.header("Content-Type", FORMATS[format]);
        // HEAD asks for the headers only: building the file for it would cost as much as a GET.
        if (c.req.method === "HEAD") {
          c.header("Content-Disposition", attachment(await exportName(c.get("services").db), format));
          return c.body(null, 200);
        }
        await history.refresh();
        const key = `${vietnamDay()} ${format} ${signedIn} ${JSON.stringify(query)}`;
        let file = built.get(key, history.generation);
        if (!file) {
          const { exports, db } = c.get("services");
          file = exports ? exports(format, filter, signedIn) : buildExport(db, format, filter, signedIn);
          built.set(key, history.generation, file);
          file.catch(() => built.delete(key));
        }
        const { name, body } = await file;
        c.header("Content-Disposition", attachment(name, format));
        return typeof body === "string" ? c.body(body) : c.body(body);
      },
    );
  }
}

function attachment(name: string, format: ExportFormat): string {
  return `attachment; filename="${name}.${format}"`;
}
