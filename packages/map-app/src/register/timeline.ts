/** A facility's history as a timeline, newest first: when, what, who, the stage and decision, the note, the changes. */
import { ACTION_LABELS, type Action, STAGES } from "@diagioi/core";
import type { Lang } from "../i18n.ts";
import { element } from "../panel.ts";
import type { HistoryEvent } from "./api.ts";
import { formatDay, formatInstant, formatValue } from "./fields.ts";
import { fieldLabel, r } from "./strings.ts";

/** Events that are not workflow steps. */
const NON_WORKFLOW_ACTIONS: Record<string, { vi: string; en: string }> = {
  create: { vi: "Tạo mới", en: "Created" },
  edit: { vi: "Sửa thông tin", en: "Edited" },
  import: { vi: "Nhập từ tệp", en: "Imported" },
  seed: { vi: "Khởi tạo dữ liệu minh họa", en: "Seeded" },
};

export function historyTimeline(history: HistoryEvent[], lang: Lang): HTMLElement {
  const list = element("ol", { class: "timeline", "data-testid": "history" });
  for (const e of [...history].reverse()) {
    const label =
      ACTION_LABELS[e.action as Action]?.[lang] ?? NON_WORKFLOW_ACTIONS[e.action]?.[lang] ?? e.action;
    const item = element(
      "li",
      { "data-action": e.action },
      element("time", { datetime: e.at }, formatInstant(e.at, lang)),
      element("strong", {}, ` ${label}`),
      e.actor ? ` · ${e.actor}` : "",
      element(
        "div",
        { class: "muted" },
        `${STAGES.label(e.stage as never, lang)}${e.decision_no ? ` · ${fieldLabel("decision_no", lang)} ${e.decision_no}${e.decision_date ? ` (${formatDay(e.decision_date, lang)})` : ""}` : ""}`,
      ),
    );
    if (e.note) item.append(element("div", { class: "note" }, e.note));
    const changes = Object.entries(e.changes ?? {}).filter(([f]) => f !== "stage");
    if (changes.length > 0 && e.action !== "create") {
      const details = element(
        "details",
        {},
        element("summary", {}, `${r("changes", lang)} (${changes.length})`),
      );
      const ul = element("ul", {});
      for (const [field, [before, after]] of changes) {
        ul.append(
          element(
            "li",
            {},
            `${fieldLabel(field, lang)}: ${formatValue(field, before, lang)} → ${formatValue(field, after, lang)}`,
          ),
        );
      }
      details.append(ul);
      item.append(details);
    }
    list.append(item);
  }
  return list;
}
