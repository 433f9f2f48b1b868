/** The 412 view's table: per field, the value when the edit began, the value now, and the reader's edit. */
import { FIELD_NAMES } from "@diagioi/core";
import type { Lang } from "../i18n.ts";
import { element } from "../panel.ts";
import type { FacilityView } from "./api.ts";
import { formatValue, sameValue } from "./fields.ts";
import { fieldLabel, r } from "./strings.ts";

/** Rows for the fields others changed since `base` and those the reader changed; a field both changed is a clash. */
export function changesTable(
  base: FacilityView,
  current: FacilityView,
  mine: Record<string, unknown>,
  lang: Lang,
): HTMLElement {
  const theirs = FIELD_NAMES.filter(
    (f) =>
      f !== "version" &&
      f !== "updated_at" &&
      !sameValue((base as Record<string, unknown>)[f], (current as Record<string, unknown>)[f]),
  ) as string[];
  const fields = [...new Set([...theirs, ...Object.keys(mine)])];
  const table = element("table", {});
  table.append(
    element(
      "thead",
      {},
      element(
        "tr",
        {},
        ...[r("field", lang), r("before", lang), r("theirs", lang), r("yours", lang)].map((h) =>
          element("th", { scope: "col" }, h),
        ),
      ),
    ),
  );
  const body = element("tbody", {});
  for (const f of fields) {
    const changedByThem = theirs.includes(f);
    const clash = changedByThem && f in mine;
    body.append(
      element(
        "tr",
        { "data-field": f, class: clash ? "clash" : changedByThem ? "theirs" : "mine" },
        element("th", { scope: "row" }, fieldLabel(f, lang)),
        element("td", {}, formatValue(f, (base as Record<string, unknown>)[f], lang)),
        element("td", {}, formatValue(f, (current as Record<string, unknown>)[f], lang)),
        element("td", {}, f in mine ? formatValue(f, mine[f], lang) : "—"),
      ),
    );
  }
  table.append(body);
  return table;
}
