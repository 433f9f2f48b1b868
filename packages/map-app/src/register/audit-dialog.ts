/**
 * The administrator's view of the audit log: the hash chain checked by the server, and the entries,
 * newest first, a page at a time (GET /api/audit pages oldest first: the newest page is read from
 * the chain's length, whose ids run 1, 2, … without a gap when it is whole).
 */
import { ACTION_LABELS, type Action } from "@diagioi/core";
import type { Lang } from "../i18n.ts";
import { element } from "../panel.ts";
import { ApiError, type AuditEntry, api } from "./api.ts";
import { formatCount, formatInstant } from "./fields.ts";
import { r } from "./strings.ts";

const PAGE = 50;

/** What the log calls actions that are not workflow steps. */
const OTHER_ACTIONS: Record<string, { vi: string; en: string }> = {
  create: { vi: "Tạo cơ sở", en: "Created a facility" },
  edit: { vi: "Sửa thông tin", en: "Edited" },
  import: { vi: "Nhập từ tệp", en: "Imported a file" },
  import_update: { vi: "Cập nhật từ tệp", en: "Updated from a file" },
  login: { vi: "Đăng nhập", en: "Signed in" },
  logout: { vi: "Đăng xuất", en: "Signed out" },
  demo_seed: { vi: "Tạo sổ minh họa", en: "Seeded the demo register" },
  user_add: { vi: "Thêm người dùng", en: "Added a user" },
  user_set_role: { vi: "Đổi vai trò", en: "Changed a role" },
  user_disable: { vi: "Khóa tài khoản", en: "Disabled an account" },
  user_enable: { vi: "Mở khóa tài khoản", en: "Enabled an account" },
  token_create: { vi: "Tạo mã truy cập", en: "Created a token" },
  token_revoke: { vi: "Thu hồi mã truy cập", en: "Revoked a token" },
};

/** What each kind of entity is called. */
const ENTITIES: Record<string, { vi: string; en: string }> = {
  facility: { vi: "cơ sở", en: "facility" },
  user: { vi: "người dùng", en: "user" },
  token: { vi: "mã truy cập", en: "token" },
  session: { vi: "phiên đăng nhập", en: "session" },
  province: { vi: "tỉnh", en: "province" },
  register: { vi: "sổ đăng ký", en: "register" },
};

export function auditDialog(lang: Lang): HTMLDialogElement {
  const dialog = element("dialog", {
    class: "import audit",
    "data-testid": "audit-dialog",
    "aria-labelledby": "audit-title",
  }) as HTMLDialogElement;
  const verify = element(
    "p",
    { "data-testid": "audit-verify", "aria-live": "polite" },
    r("auditChecking", lang),
  );
  const body = element("tbody", {});
  const table = element(
    "table",
    { "data-testid": "audit-table" },
    element(
      "thead",
      {},
      element(
        "tr",
        {},
        ...(
          [
            "#",
            r("auditAt", lang),
            r("auditWho", lang),
            r("auditAction", lang),
            r("auditWhat", lang),
          ] as string[]
        ).map((h) => element("th", { scope: "col" }, h)),
      ),
    ),
    body,
  );
  const older = element(
    "button",
    { type: "button", "data-testid": "audit-older", hidden: "" },
    r("auditOlder", lang),
  );
  const close = element("button", { type: "button" }, r("close", lang));
  close.addEventListener("click", () => dialog.close());
  dialog.append(
    element("h2", { id: "audit-title" }, r("auditTitle", lang)),
    verify,
    element("div", { class: "audit-scroll" }, table),
    element("p", { class: "actions" }, older, close),
  );

  /** Shows the entries with ids in (after, top], newest first, and offers the page before. */
  const showPage = async (top: number) => {
    const after = Math.max(0, top - PAGE);
    const { items } = await api.audit(after, top - after);
    for (const entry of [...items].reverse()) body.append(row(entry, lang));
    older.hidden = after === 0;
    older.onclick = () => void showPage(after).catch((error) => showError(verify, error, lang));
  };
  void api
    .auditVerify()
    .then(async (check) => {
      verify.dataset.ok = String(check.ok);
      verify.className = check.ok ? "ok" : "error";
      verify.textContent = check.ok
        ? `${r("auditWhole", lang)}: ${formatCount(check.entries, lang)} ${r("auditEntries", lang)} · ${check.head.slice(0, 12)}`
        : `${r("auditBroken", lang)} #${check.first_bad}`;
      // A broken chain still has its entries up to the break, and may have more after it.
      await showPage(check.ok ? check.entries : (check.first_bad ?? 1) - 1 + PAGE);
    })
    .catch((error) => showError(verify, error, lang));
  return dialog;
}

function row(entry: AuditEntry, lang: Lang): HTMLElement {
  const label =
    ACTION_LABELS[entry.action as Action]?.[lang] ?? OTHER_ACTIONS[entry.action]?.[lang] ?? entry.action;
  const what = `${ENTITIES[entry.entity]?.[lang] ?? entry.entity}${entry.entity_id ? ` ${entry.entity_id}` : ""}`;
  const details = JSON.stringify(entry.payload);
  return element(
    "tr",
    { "data-id": String(entry.id), "data-action": entry.action },
    element("td", {}, String(entry.id)),
    element("td", {}, formatInstant(entry.at, lang)),
    element("td", {}, entry.actor_name),
    element("td", {}, label),
    element("td", { title: details }, what),
  );
}

function showError(slot: HTMLElement, error: unknown, lang: Lang): void {
  slot.className = "error";
  slot.textContent = error instanceof ApiError ? error.text(lang) : String(error);
}
