/**
 * The disposal workflow as data: one row per (from, action, to, role, required fields). The server
 * enforces it; the map shows a button for each row the signed-in user may take.
 */
import type { Facility, FieldName } from "./facility.ts";
import { HANDLED_STAGES, type Role, STAGES, type Stage } from "./sets.ts";

export const ACTIONS = [
  "hand_over",
  "draft_plan",
  "appraise",
  "send_back",
  "approve",
  "decide",
  "execute",
  "complete",
  "revise",
  "withdraw",
] as const;
export type Action = (typeof ACTIONS)[number];

/** Labels of the actions, Vietnamese and English. */
export const ACTION_LABELS: Readonly<Record<Action, { vi: string; en: string }>> = {
  hand_over: { vi: "Bàn giao – tiếp nhận", en: "Hand over" },
  draft_plan: { vi: "Lập phương án", en: "Draft the plan" },
  appraise: { vi: "Thẩm định", en: "Appraise" },
  send_back: { vi: "Trả lại để lập lại phương án", en: "Send back" },
  approve: { vi: "Phê duyệt", en: "Approve" },
  decide: { vi: "Ra quyết định xử lý", en: "Issue the decision" },
  execute: { vi: "Bắt đầu thực hiện", en: "Start carrying out" },
  complete: { vi: "Hoàn thành", en: "Complete" },
  revise: { vi: "Quyết định thay đổi hình thức xử lý", en: "Revise the decision" },
  withdraw: { vi: "Đưa ra khỏi danh sách", en: "Withdraw from the list" },
};

/** An action's Vietnamese label ("Phê duyệt"), or what was asked when it is no action. */
export function actionLabel(action: string): string {
  return (ACTION_LABELS as Record<string, { vi: string } | undefined>)[action]?.vi ?? action;
}

/** Fields a transition may carry besides its required ones. */
export type TransitionField = Extract<
  FieldName,
  "minutes_no" | "minutes_date" | "option" | "decision_no" | "decision_date" | "deadline" | "completed_date"
>;

export interface Transition {
  from: Stage;
  action: Action;
  to: Stage;
  role: Exclude<Role, "viewer" | "admin">;
  /** Fields the request must carry (`note` is the free-text reason recorded with the event). */
  required: readonly (TransitionField | "note")[];
}

const BEFORE_DECISION: readonly Stage[] = [
  "inventory",
  "handed_over",
  "plan_drafted",
  "appraised",
  "approved",
];

/** The workflow. A change of option after a decision is a new decision (`revise`), never a rewrite. */
export const WORKFLOW: readonly Transition[] = [
  {
    from: "inventory",
    action: "hand_over",
    to: "handed_over",
    role: "editor",
    required: ["minutes_no", "minutes_date"],
  },
  { from: "handed_over", action: "draft_plan", to: "plan_drafted", role: "editor", required: ["option"] },
  { from: "plan_drafted", action: "draft_plan", to: "plan_drafted", role: "editor", required: ["option"] },
  { from: "plan_drafted", action: "appraise", to: "appraised", role: "appraiser", required: [] },
  { from: "plan_drafted", action: "send_back", to: "plan_drafted", role: "appraiser", required: ["note"] },
  { from: "appraised", action: "send_back", to: "plan_drafted", role: "approver", required: ["note"] },
  { from: "approved", action: "send_back", to: "plan_drafted", role: "approver", required: ["note"] },
  { from: "appraised", action: "approve", to: "approved", role: "approver", required: [] },
  {
    from: "approved",
    action: "decide",
    to: "decided",
    role: "approver",
    required: ["decision_no", "decision_date"],
  },
  { from: "decided", action: "execute", to: "executing", role: "editor", required: [] },
  { from: "executing", action: "complete", to: "done", role: "editor", required: ["completed_date"] },
  ...(["decided", "executing"] as const).map(
    (from): Transition => ({
      from,
      action: "revise",
      to: "decided",
      role: "approver",
      required: ["option", "decision_no", "decision_date", "note"],
    }),
  ),
  ...BEFORE_DECISION.map(
    (from): Transition => ({
      from,
      action: "withdraw",
      to: "withdrawn",
      role: "approver",
      required: ["note"],
    }),
  ),
];

/** Who is asking: a role scoped to one province, or to the country when `province_code` is null. */
export interface Actor {
  id: number;
  role: Role;
  province_code: string | null;
}

/** Actions a user may only take on a plan somebody else drafted ("revise" is a new decision). */
const SEPARATED: ReadonlySet<Action> = new Set<Action>(["approve", "decide", "revise"]);

/** Whether the actor's scope covers a province. */
export function coversProvince(actor: Pick<Actor, "province_code">, provinceCode: string): boolean {
  return actor.province_code === null || actor.province_code === provinceCode;
}

/** May take some workflow step on a facility of the province (an editor, appraiser or approver of it). */
export function mayTakeSteps(actor: Actor | null, provinceCode: string): boolean {
  return actor !== null && WORKFLOW.some((t) => t.role === actor.role) && coversProvince(actor, provinceCode);
}

/**
 * The fields a step writes: its required ones, and a deadline (which an edit may set too) up to the
 * decision, which fixes it: after that only a `revise` moves it. Any other field is not the step's to
 * change: an option is chosen by `draft_plan` or `revise`, a decision number only by `decide` or `revise`.
 */
export function fieldsSetBy(transition: Transition): TransitionField[] {
  const own = transition.required.filter((f): f is TransitionField => f !== "note");
  const decided = HANDLED_STAGES.has(transition.from) && transition.action !== "revise";
  return decided ? own : [...own, "deadline"];
}

/** May edit descriptive fields (PATCH) or create facilities in a province. */
export function canEdit(actor: Actor | null, provinceCode: string): boolean {
  return actor !== null && actor.role === "editor" && coversProvince(actor, provinceCode);
}

export type TransitionRefusal =
  | { status: 422; code: "transition_not_allowed"; message: string; message_vi: string }
  | { status: 403; code: "forbidden"; message: string; message_vi: string }
  | { status: 422; code: "missing_fields"; message: string; message_vi: string; fields: string[] };

export interface TransitionRequest {
  action: string;
  fields: Partial<Record<TransitionField | "note", unknown>>;
}

/**
 * Checks a transition: the workflow row, the actor's role and province, the separation of duties
 * (nobody approves or decides a plan they drafted), and the required fields.
 *
 * @example
 * checkTransition(facility, { action: "hand_over", fields: { minutes_no: "12/BB", minutes_date: "2025-07-03" } }, editor, null);
 * // { ok: true, transition: { from: "inventory", to: "handed_over", … } }
 */
export function checkTransition(
  facility: Pick<Facility, "stage" | "province_code">,
  request: TransitionRequest,
  actor: Actor | null,
  draftedBy: number | null,
): { ok: true; transition: Transition } | { ok: false; refusal: TransitionRefusal } {
  const rows = WORKFLOW.filter((t) => t.action === request.action && t.from === facility.stage);
  if (rows.length === 0) {
    return refuse(
      422,
      "transition_not_allowed",
      `"${request.action}" is not possible from stage "${facility.stage}"`,
      `Không thể "${actionLabel(request.action)}" khi đang ở bước "${STAGES.label(facility.stage)}"`,
    );
  }
  const row = rows.find((t) => actor !== null && t.role === actor.role);
  if (!row || !actor || !coversProvince(actor, facility.province_code)) {
    return refuse(
      403,
      "forbidden",
      `your role may not "${request.action}" facilities of province ${facility.province_code}`,
      `Vai trò của bạn không được "${request.action}" cơ sở của tỉnh ${facility.province_code}`,
    );
  }
  if (SEPARATED.has(row.action) && draftedBy !== null && draftedBy === actor.id) {
    return refuse(
      403,
      "forbidden",
      "you drafted this plan: somebody else must approve or decide it",
      "Bạn đã lập phương án này: người khác phải phê duyệt hoặc quyết định",
    );
  }
  const missing = row.required.filter((f) => {
    const v = request.fields[f];
    return v === undefined || v === null || (typeof v === "string" && v.trim() === "");
  });
  if (missing.length > 0) {
    return {
      ok: false,
      refusal: {
        status: 422,
        code: "missing_fields",
        message: `"${row.action}" needs: ${missing.join(", ")}`,
        message_vi: `"${row.action}" cần: ${missing.join(", ")}`,
        fields: missing,
      },
    };
  }
  return { ok: true, transition: row };
}

/**
 * The transitions an actor may take on a facility now (the buttons to show).
 *
 * @example
 * availableTransitions({ stage: "plan_drafted", province_code: "01" }, appraiser, 7).map((t) => t.action);
 * // ["appraise", "send_back"]
 */
export function availableTransitions(
  facility: Pick<Facility, "stage" | "province_code">,
  actor: Actor | null,
  draftedBy: number | null,
): Transition[] {
  if (!actor || !coversProvince(actor, facility.province_code)) return [];
  return WORKFLOW.filter(
    (t) =>
      t.from === facility.stage &&
      t.role === actor.role &&
      !(SEPARATED.has(t.action) && draftedBy !== null && draftedBy === actor.id),
  );
}

/**
 * The stages a facility passes to reach `stage` from inventory along the main path, with the action
 * that enters each: used to write the history of an imported row that starts beyond inventory.
 */
export function pathTo(stage: Stage): Transition[] {
  const main: Action[] = ["hand_over", "draft_plan", "appraise", "approve", "decide", "execute", "complete"];
  const path: Transition[] = [];
  let current: Stage = "inventory";
  for (const action of main) {
    if (current === stage) break;
    const row = WORKFLOW.find((t) => t.action === action && t.from === current) as Transition;
    path.push(row);
    current = row.to;
  }
  return current === stage ? path : [];
}

function refuse(
  status: 403 | 422,
  code: "forbidden" | "transition_not_allowed",
  message: string,
  message_vi: string,
): { ok: false; refusal: TransitionRefusal } {
  return { ok: false, refusal: { status, code, message, message_vi } as TransitionRefusal };
}
