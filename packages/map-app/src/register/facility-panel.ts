/**
 * The facility panel (`?facility=ID`): every field the reader may see, the old unit that owned it and
 * the new commune it lies in with their lineage, the history as a timeline; for those allowed, the
 * edit form with the server's messages beside the fields, a button per workflow step the server
 * lists, and the view of a 412 conflict that shows what changed and re-applies the user's edit.
 */
import {
  ACTION_LABELS,
  type Action,
  CLOSED_STAGES,
  canEdit,
  type Diagioi,
  EDITABLE_FIELDS,
  FIELD_NAMES,
  fieldsSetBy,
  HANDLED_STAGES,
  STAGES,
  type Stage,
  type Unit,
  vietnamDay,
  WORKFLOW,
} from "@diagioi/core";
import { type Lang, unitName } from "../i18n.ts";
import { element, lineageList } from "../panel.ts";
import { ApiError, api, type FacilityView, type HistoryEvent, type User } from "./api.ts";
import { changesTable } from "./changes-table.ts";
import { fieldInput, formatValue, readForm, sameValue, showFieldErrors } from "./fields.ts";
import { fieldLabel, r } from "./strings.ts";
import { historyTimeline } from "./timeline.ts";

export interface PanelContext {
  /** The units and converter loaded so far (those since 2004 once fetched: see `wantAllUnits`). */
  diagioi(): Diagioi;
  /** Fetches the units since 2004 (once), for an address written before 2025. */
  wantAllUnits(): Promise<void>;
  lang(): Lang;
  user(): User | null;
  synthetic(): boolean;
  /** The register changed (reload the points). */
  changed(): void;
  /** The panel was closed by its reader. */
  closed(): void;
  /** A facility is open now (or none). */
  opened(facility: FacilityView | undefined): void;
  openUnit(code: string, era: "old" | "new"): void;
  /** Lets the reader click the map; resolves with the point and the commune under it. */
  pickPoint(): Promise<{ lng: number; lat: number; commune?: string } | undefined>;
  /** Marks where the facility being created will go (none: takes the mark away). */
  draft(point: { lng: number; lat: number } | undefined): void;
  /** The commune a point lies in, in words, or why it is refused (another province's, no commune). */
  pointNote(lng: number, lat: number): { text: string; refused: boolean };
}

/** Fields shown at the top of the panel; the others are under "every field". */
const KEY_FIELDS = new Set([
  "id",
  "external_id",
  "province_code",
  "commune_code",
  "address_new",
  "stage",
  "option",
  "decision_no",
  "decision_date",
  "deadline",
  "managing_unit",
  "land_area_m2",
  "floor_area_m2",
  "flags",
]);

/** Fields of a create form, in the field table's order. */
const CREATE_FIELDS = EDITABLE_FIELDS.filter((f) => f !== "origin_unit_date");

export class FacilityPanel {
  private facility: FacilityView | undefined;
  private openId: number | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly ctx: PanelContext,
  ) {}

  get current(): FacilityView | undefined {
    return this.facility;
  }

  get isOpen(): boolean {
    return !this.root.hidden;
  }

  /** Opens a facility: fetches it and its history, shows them. */
  async open(id: number): Promise<void> {
    this.openId = id;
    this.root.hidden = false;
    this.root.dataset.state = "loading";
    try {
      const [facility, history] = await Promise.all([api.facility(id), api.history(id).catch(() => [])]);
      if (this.openId !== id) return;
      this.showView(facility, history);
    } catch (error) {
      if (this.openId !== id) return;
      this.frame(r("facility", this.ctx.lang()));
      this.root.append(element("p", { class: "error", role: "alert" }, message(error, this.ctx.lang())));
      this.root.dataset.state = "error";
      this.ctx.opened(undefined);
    }
  }

  /**
   * Shows the open facility again after the user changed. A form goes with a logout; a session that
   * expired keeps it, so that what was typed can still be saved after logging in again.
   */
  refresh(sessionExpired = false): void {
    if (!this.isOpen) return;
    const form = this.root.dataset.mode !== "view";
    if (form && (sessionExpired || this.ctx.user())) return;
    if (this.openId !== undefined) void this.open(this.openId);
    else this.close();
  }

  close(): void {
    this.ctx.draft(undefined);
    this.root.hidden = true;
    this.openId = undefined;
    this.facility = undefined;
    this.root.replaceChildren();
  }

  /** The create form, with a point already picked or to be typed as an address. */
  openCreate(initial: { lng?: number; lat?: number; commune?: string }): void {
    const lang = this.ctx.lang();
    this.openId = undefined;
    this.facility = undefined;
    this.root.hidden = false;
    this.frame(r("create", lang));
    this.root.dataset.mode = "create";
    const form = element("form", { class: "facility-form", "data-testid": "create-form", novalidate: "" });
    // Six decimals are about 10 cm: more would only pretend to a precision a click does not have.
    const round = (v: number | undefined) => (v === undefined ? null : Math.round(v * 1e6) / 1e6);
    const values: Record<string, unknown> = { lng: round(initial.lng), lat: round(initial.lat) };
    // Where the point lies, as picked or typed: the commune, or why the point is not the user's to add.
    const pointNote = element("p", {
      class: "muted",
      "data-testid": "create-commune",
      "aria-live": "polite",
    });
    form.append(pointNote);
    for (const field of CREATE_FIELDS) form.append(fieldInput(field, values[field] ?? null, lang));
    const preview = element("p", { class: "muted", "data-testid": "address-preview" });
    const address = form.querySelector<HTMLInputElement>('[name="address"]');
    address?.closest(".field")?.after(preview);
    const showConverted = () => {
      if (!address) return;
      const converted =
        address.value.trim().length > 4 ? this.ctx.diagioi().convert(address.value) : undefined;
      preview.textContent = converted?.address ? `→ ${converted.address}` : "";
    };
    // Read again once the units since 2004 are in: "Phường 11, Quận 10" ended before 2025.
    address?.addEventListener("focus", () => void this.ctx.wantAllUnits().then(showConverted), {
      once: true,
    });
    address?.addEventListener("input", showConverted);
    const pick = element("button", { type: "button", "data-testid": "pick-point" }, r("pickPoint", lang));
    const lngInput = form.querySelector('[name="lng"]') as HTMLInputElement;
    const latInput = form.querySelector('[name="lat"]') as HTMLInputElement;
    // The mark follows the point as picked or typed, and goes while the point is incomplete.
    const showDraft = () => {
      const lng = Number(lngInput.value.trim().replace(",", "."));
      const lat = Number(latInput.value.trim().replace(",", "."));
      const typed = lngInput.value.trim() !== "" && latInput.value.trim() !== "";
      const inRange = Math.abs(lng) <= 180 && Math.abs(lat) <= 90;
      const point = typed && inRange ? { lng, lat } : undefined;
      this.ctx.draft(point);
      const note = point ? this.ctx.pointNote(point.lng, point.lat) : undefined;
      pointNote.textContent = note?.text ?? "";
      pointNote.hidden = !note;
      pointNote.className = note?.refused ? "error" : "muted";
    };
    lngInput.addEventListener("input", showDraft);
    latInput.addEventListener("input", showDraft);
    pick.addEventListener("click", async () => {
      const point = await this.ctx.pickPoint();
      if (!point) return;
      lngInput.value = point.lng.toFixed(6);
      latInput.value = point.lat.toFixed(6);
      showDraft();
    });
    form.querySelector('[data-field="lat"]')?.after(pick);
    const general = element("p", { class: "error", role: "alert" });
    form.append(
      general,
      this.buttons(r("save", lang), () => this.close(), "create-submit"),
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      general.textContent = "";
      try {
        const input = Object.fromEntries(Object.entries(readForm(form)).filter(([, v]) => v !== null));
        const created = await api.create(input);
        this.ctx.changed();
        await this.open(created.id);
      } catch (error) {
        this.showErrors(form, general, error);
      }
    });
    this.root.append(form);
    showDraft();
    form.querySelector<HTMLElement>('[name="external_id"]')?.focus();
  }

  private showView(facility: FacilityView, history: HistoryEvent[]): void {
    const lang = this.ctx.lang();
    const user = this.ctx.user();
    this.facility = facility;
    this.ctx.opened(facility);
    this.frame(facility.name ?? `#${facility.id}`);
    this.root.dataset.mode = "view";
    this.root.dataset.state = "ready";
    this.root.dataset.version = String(facility.version ?? "");
    this.root.dataset.stage = facility.stage ?? "";
    const badges = element("p", { class: "badges" });
    if (facility.stage)
      badges.append(
        element(
          "span",
          { class: `chip stage-${facility.stage}`, "data-testid": "facility-stage" },
          STAGES.label(facility.stage, lang),
        ),
      );
    const overdue = facility.overdue ? whyOverdue(facility.deadline, lang) : undefined;
    if (overdue)
      badges.append(element("span", { class: "chip overdue", title: overdue }, r("overdue", lang)));
    badges.append(element("span", { class: "muted" }, ` #${facility.id}`));
    this.root.append(badges);
    if (overdue) this.root.append(element("p", { class: "muted", "data-testid": "overdue-why" }, overdue));

    if (user && facility.province_code && canEdit(user, facility.province_code)) {
      const edit = element("button", { type: "button", "data-testid": "edit" }, r("edit", lang));
      edit.addEventListener("click", () => this.showEdit(facility));
      this.root.append(element("div", { class: "actions" }, edit));
    }
    const transitions = facility.transitions ?? [];
    if (transitions.length > 0) {
      const box = element("div", { class: "actions", "data-testid": "transitions" });
      const formSlot = element("div", {});
      for (const t of transitions) {
        const button = element(
          "button",
          { type: "button", class: "primary", "data-testid": `transition-${t.action}` },
          ACTION_LABELS[t.action]?.[lang] ?? t.action,
        );
        button.addEventListener("click", () => this.showTransition(facility, t, formSlot));
        box.append(button);
      }
      this.root.append(element("h3", {}, r("steps", lang)), box, formSlot);
    }

    // What a planner looks for first; every other field below, one click away.
    const facts = element("dl", { class: "facts" });
    const more = element("dl", { class: "facts" });
    let others = 0;
    for (const field of [...FIELD_NAMES, "flags"] as string[]) {
      if (!(field in facility) || field === "name") continue;
      const value = (facility as Record<string, unknown>)[field];
      const key = KEY_FIELDS.has(field);
      if (!key) others++;
      // Without a point, the commune is the address's (the server takes it from there).
      const label =
        field === "commune_code" && facility.lng == null
          ? fieldLabel("address_commune_code", lang)
          : fieldLabel(field, lang);
      (key ? facts : more).append(
        element("dt", {}, label),
        element("dd", { "data-field": field }, this.describe(field, value)),
      );
    }
    this.root.append(facts);
    if (!user) this.root.append(element("p", { class: "muted" }, r("publicOnly", lang)));

    // Where it comes from and where it lies now, with the resolutions (the unit panel's lineage).
    const open = (code: string, era: "old" | "new") => this.ctx.openUnit(code, era);
    if (facility.origin_unit_code) {
      const unit = this.unit(
        facility.origin_unit_code,
        "old",
        facility.origin_unit_level ?? undefined,
        facility.origin_unit_date ?? undefined,
      );
      const section = element(
        "section",
        { "data-testid": "facility-origin" },
        element("h3", {}, r("origin", lang)),
      );
      const button = element(
        "button",
        { type: "button", class: "link" },
        unit ? unitName(unit, lang) : facility.origin_unit_code,
      );
      button.addEventListener("click", () => open(facility.origin_unit_code as string, "old"));
      section.append(element("p", {}, button, ` (${facility.origin_unit_code})`));
      const list = unit && lineageList(this.ctx.diagioi(), unit, "old", lang, open);
      if (list)
        section.append(
          element("p", { class: "muted" }, `${lang === "vi" ? "Đã nhập vào" : "Went into"}:`),
          list,
        );
      this.root.append(section);
    }
    if (facility.commune_code) {
      const unit = this.unit(facility.commune_code, "new");
      const section = element(
        "section",
        { "data-testid": "facility-commune" },
        element("h3", {}, r("liesIn", lang)),
      );
      const button = element(
        "button",
        { type: "button", class: "link" },
        unit ? unitName(unit, lang) : facility.commune_code,
      );
      button.addEventListener("click", () => open(facility.commune_code as string, "new"));
      section.append(element("p", {}, button));
      const list = unit && lineageList(this.ctx.diagioi(), unit, "new", lang, open);
      if (list)
        section.append(
          element("p", { class: "muted" }, `${lang === "vi" ? "Hình thành từ" : "Formed from"}:`),
          list,
        );
      this.root.append(section);
    }
    this.root.append(element("h3", {}, r("history", lang)), historyTimeline(history, this.ctx.lang()));
    this.root.append(
      element(
        "details",
        { class: "all-fields", "data-testid": "all-fields" },
        element("summary", {}, `${r("allFields", lang)} (${others})`),
        more,
      ),
    );
  }

  private showEdit(base: FacilityView, mine?: Record<string, unknown>): void {
    const lang = this.ctx.lang();
    this.frame(base.name ?? `#${base.id}`);
    this.root.dataset.mode = "edit";
    const form = element("form", { class: "facility-form", "data-testid": "edit-form", novalidate: "" });
    // A decided facility's deadline moves only with a step (`revise`): the server refuses it here.
    const decided = HANDLED_STAGES.has(base.stage as Stage);
    for (const field of EDITABLE_FIELDS) {
      if (field === "deadline" && decided) continue;
      const value = mine && field in mine ? mine[field] : (base as Record<string, unknown>)[field];
      form.append(fieldInput(field, value ?? null, lang));
    }
    const general = element("p", { class: "error", role: "alert" });
    form.append(
      general,
      this.buttons(r("save", lang), () => void this.open(base.id), "save"),
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      general.textContent = "";
      const changed: Record<string, unknown> = {};
      try {
        for (const [field, value] of Object.entries(readForm(form))) {
          if (!sameValue(value, (base as Record<string, unknown>)[field])) changed[field] = value;
        }
        await api.patch(base.id, base.version as number, changed);
        this.ctx.changed();
        await this.open(base.id);
      } catch (error) {
        if (error instanceof ApiError && error.status === 412) {
          this.showConflict(base, currentOf(error), changed, () =>
            api.patch(base.id, currentOf(error).version as number, changed),
          );
        } else this.showErrors(form, general, error);
      }
    });
    this.root.append(form);
    form.querySelector<HTMLElement>("input, select")?.focus();
  }

  private showTransition(
    facility: FacilityView,
    { action, to, required }: { action: Action; to: string; required: string[] },
    slot: HTMLElement,
  ): void {
    const lang = this.ctx.lang();
    const form = element("form", {
      class: "facility-form",
      "data-testid": "transition-form",
      "data-action": action,
      novalidate: "",
    });
    // A step may set the deadline too (the next one's, as the plan or decision gives it), unless it
    // closes the file or comes after the decision, which fixes it (core's fieldsSetBy: only a revision
    // moves it then): shown with the facility's, and sent only when changed.
    const step = WORKFLOW.find((t) => t.from === facility.stage && t.action === action);
    const deadline =
      !CLOSED_STAGES.has(to as Stage) &&
      !required.includes("deadline") &&
      step !== undefined &&
      fieldsSetBy(step).includes("deadline");
    const fields = [...required.filter((f) => f !== "note"), ...(deadline ? ["deadline"] : []), "note"];
    for (const field of fields)
      form.append(
        fieldInput(field, field === "deadline" ? facility.deadline : null, lang, required.includes(field)),
      );
    const general = element("p", { class: "error", role: "alert" });
    form.append(
      general,
      this.buttons(
        ACTION_LABELS[action]?.[lang] ?? r("confirm", lang),
        () => slot.replaceChildren(),
        "transition-submit",
      ),
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      general.textContent = "";
      let values: Record<string, unknown> = {};
      try {
        // An empty field is left out, except a deadline the facility had and the form emptied: that
        // clears it. An unchanged deadline is left out too.
        values = Object.fromEntries(
          Object.entries(readForm(form)).filter(([field, v]) =>
            field === "deadline" && deadline ? v !== (facility.deadline ?? null) : v !== null,
          ),
        );
        const body = { action, ...values };
        await api.transition(facility.id, facility.version as number, body);
        this.ctx.changed();
        await this.open(facility.id);
      } catch (error) {
        if (error instanceof ApiError && error.status === 412) {
          this.showConflict(
            facility,
            currentOf(error),
            values,
            () => api.transition(facility.id, currentOf(error).version as number, { action, ...values }),
            true,
          );
        } else this.showErrors(form, general, error);
      }
    });
    slot.replaceChildren(form);
    form.querySelector<HTMLElement>("input, select, textarea")?.focus();
  }

  /** A 412: what the others changed since the reader's version, beside the reader's own edit. */
  private showConflict(
    base: FacilityView,
    current: FacilityView,
    mine: Record<string, unknown>,
    reapply: () => Promise<FacilityView>,
    step = false,
  ): void {
    const lang = this.ctx.lang();
    this.frame(current.name ?? `#${current.id}`);
    this.root.dataset.mode = "conflict";
    const box = element("section", { class: "conflict", "data-testid": "conflict", role: "alert" });
    box.append(
      element("h3", {}, r("conflictTitle", lang)),
      element("p", { class: "muted" }, `${fieldLabel("version", lang)} ${base.version} → ${current.version}`),
    );
    const table = changesTable(base, current, mine, lang);
    const again = element(
      "button",
      { type: "button", class: "primary", "data-testid": "reapply" },
      r(step ? "retryStep" : "reapply", lang),
    );
    const discard = element("button", { type: "button", "data-testid": "discard" }, r("discard", lang));
    const general = element("p", { class: "error", role: "alert" });
    again.addEventListener("click", async () => {
      try {
        await reapply();
        this.ctx.changed();
        await this.open(current.id);
      } catch (error) {
        if (error instanceof ApiError && error.status === 412) {
          this.showConflict(current, currentOf(error), mine, reapply, step);
        } else general.textContent = message(error, lang);
      }
    });
    discard.addEventListener("click", () => void this.open(current.id));
    const edit = element("button", { type: "button" }, r("edit", lang));
    edit.addEventListener("click", () => this.showEdit(current, mine));
    box.append(table, element("div", { class: "actions" }, again, step ? "" : edit, discard), general);
    this.root.append(box);
    again.focus();
  }

  private showErrors(form: HTMLElement, general: HTMLElement, error: unknown): void {
    const lang = this.ctx.lang();
    if (error instanceof ApiError) {
      const fields = error.fields;
      const field = (error.body.error.details as { field?: string } | undefined)?.field;
      const shown =
        fields.length > 0
          ? fields
          : field
            ? [{ field, message: error.body.error.message, message_vi: error.body.error.message_vi }]
            : [];
      // A field the step needs is marked as such: its label is beside it, the API's text also names
      // the field by its code ("… cần Số biên bản bàn giao (minutes_no)").
      const marked =
        error.code === "missing_fields"
          ? shown.map((f) => ({
              field: f.field,
              message: r("neededForStep", "en"),
              message_vi: r("neededForStep", "vi"),
            }))
          : shown;
      const rest = showFieldErrors(form, marked, lang);
      // The server names the missing fields by their codes; the reader knows them by their labels.
      const text =
        error.code === "missing_fields"
          ? `${r("stepNeeds", lang)}: ${fields.map((f) => fieldLabel(f.field, lang)).join(", ")}`
          : error.text(lang);
      general.textContent = [text, ...rest].join(" — ");
    } else general.textContent = message(error, lang);
  }

  /** Clears the panel to a close button and a heading, and the synthetic notice. */
  private frame(title: string): void {
    const lang = this.ctx.lang();
    this.ctx.draft(undefined);
    this.root.replaceChildren();
    this.root.scrollTop = 0;
    const close = element("button", { class: "close", type: "button", "aria-label": r("close", lang) }, "×");
    close.addEventListener("click", () => {
      this.close();
      this.ctx.closed();
    });
    this.root.append(close, element("h2", { "data-testid": "facility-name" }, title));
    if (this.ctx.synthetic())
      this.root.append(
        element("p", { class: "synthetic", "data-testid": "synthetic" }, r("synthetic", lang)),
      );
  }

  private buttons(submit: string, cancel: () => void, testid: string): HTMLElement {
    const lang = this.ctx.lang();
    const cancelButton = element("button", { type: "button" }, r("cancel", lang));
    cancelButton.addEventListener("click", cancel);
    return element(
      "div",
      { class: "actions" },
      element("button", { type: "submit", class: "primary", "data-testid": testid }, submit),
      cancelButton,
    );
  }

  private describe(field: string, value: unknown): string {
    const lang = this.ctx.lang();
    if ((field === "commune_code" || field === "address_commune_code") && typeof value === "string") {
      const unit = this.unit(value, "new");
      return unit ? `${unitName(unit, lang)} (${value})` : value;
    }
    if (field === "province_code" && typeof value === "string") {
      const unit = this.ctx.diagioi().units.byCode(value, { level: "province" });
      return unit ? `${unitName(unit, lang)} (${value})` : value;
    }
    if (field === "origin_unit_code" && typeof value === "string") {
      const f = this.facility;
      const unit = this.unit(
        value,
        "old",
        f?.origin_unit_level ?? undefined,
        f?.origin_unit_date ?? undefined,
      );
      return unit ? `${unitName(unit, lang)} (${value})` : value;
    }
    return formatValue(field, value, lang);
  }

  private unit(
    code: string,
    era: "old" | "new",
    level?: "province" | "district" | "commune",
    date?: string,
  ): Unit | undefined {
    const units = this.ctx.diagioi().units;
    if (era === "old")
      return (
        units.byCode(code, { level, date: date ?? "2025-06-30" }) ??
        units.byCode(code, { level, date: "2025-06-30" })
      );
    return communeNow(units, code);
  }
}

/** A new commune by its code: in force today, or on the first day of the new units. */
export function communeNow(units: Diagioi["units"], code: string): Unit | undefined {
  return (
    units.byCode(code, { level: "commune" }) ?? units.byCode(code, { level: "commune", date: "2025-07-01" })
  );
}

/**
 * Why a facility is overdue: past its own deadline, or without a decision after the national one
 * (whatever its own). A visitor who is not signed in does not see the deadline (`undefined`), so
 * either may be the reason.
 */
function whyOverdue(deadline: string | null | undefined, lang: Lang): string {
  const day = (iso: string) => iso.split("-").reverse().join("/");
  if (deadline && deadline < vietnamDay()) return `${r("overdueOwn", lang)} ${day(deadline)}`;
  return r(deadline === undefined ? "overdueEither" : "overdueNational", lang);
}

function currentOf(error: ApiError): FacilityView {
  return (error.body.error.details as { current: FacilityView }).current;
}

function message(error: unknown, lang: Lang): string {
  return error instanceof ApiError
    ? error.text(lang)
    : error instanceof Error
      ? error.message
      : String(error);
}
