/**
 * The register's HTTP API as the map uses it: one error type carrying the server's error shape,
 * and typed calls for the facilities, the session, the figures and the import.
 */
import type { Action, Facility, Role } from "@diagioi/core";
import { type FacilityFilters, setFilterParams } from "../url-state.ts";

/** Where the API lives; the server serves it beside the app. */
export const API = "/api";

/** An entry of the audit log (GET /api/audit). */
export interface AuditEntry {
  id: number;
  at: string;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string | null;
  payload: unknown;
}

import type { ListSort } from "../url-state.ts";

export { LIST_SORTS, type ListSort } from "../url-state.ts";

export interface ApiErrorBody {
  error: { code: string; message: string; message_vi: string; details?: unknown };
  errors?: ImportRowError[];
}

/** A 4xx or 5xx answer, with the server's code, messages and details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.error?.message ?? `HTTP ${status}`);
  }

  get code(): string {
    return this.body.error?.code ?? "unknown";
  }

  /** The message in the reader's language. */
  text(lang: "vi" | "en"): string {
    return (lang === "vi" ? this.body.error?.message_vi : this.body.error?.message) ?? this.message;
  }

  /** Per-field messages of a 422 (`details.fields`). */
  get fields(): FieldMessage[] {
    const details = this.body.error?.details as { fields?: unknown } | undefined;
    const fields = details?.fields;
    if (!Array.isArray(fields)) return [];
    return fields.map((f) =>
      typeof f === "string" ? { field: f, message: "required", message_vi: "bắt buộc" } : (f as FieldMessage),
    );
  }
}

export interface FieldMessage {
  field: string;
  message: string;
  message_vi?: string;
}

export interface ImportRowError {
  row: number;
  column: string | null;
  message: string;
  message_vi: string;
}

export interface User {
  id: number;
  username: string;
  role: Role;
  province_code: string | null;
}

export interface Meta {
  register: { synthetic: boolean; label: string | null; seeded_at: string | null };
}

/** A facility as the server shows it to the current user (public fields only when anonymous). */
export type FacilityView = Partial<Facility> & {
  id: number;
  flags?: string[];
  overdue?: boolean;
  transitions?: { action: Action; to: string; required: string[] }[];
};

export interface HistoryEvent {
  version: number;
  at: string;
  actor: string | null;
  action: string;
  stage: string;
  option: string | null;
  decision_no: string | null;
  decision_date: string | null;
  changes?: Record<string, [unknown, unknown]>;
  note: string | null;
}

/** The compact columns of /api/points. */
export interface Points {
  /** Matching facilities that have no point (an address only): listed, not drawn. */
  without_point: number;
  stages: string[];
  options: string[];
  id: number[];
  lng: number[];
  lat: number[];
  stage: number[];
  option: number[];
  overdue: number[];
}

export interface Figures {
  total: number;
  handled: number;
  pending: number;
  overdue: number;
  by_category: Record<string, number>;
}

export interface Stats extends Figures {
  date: string;
  by_province: Record<string, Figures>;
}

export interface CoverageSeat {
  code: string;
  level: "province" | "district" | "commune";
  full_name: string;
  old_province_code: string;
  new_province_codes: string[];
  facility_count: number;
  facilities: { id: number; name: string; stage: string }[];
}

const sessionEndedListeners = new Set<() => void>();

/**
 * Calls `listener` whenever the server answers 401 to anything but a login: the session expired or
 * was ended elsewhere while the page stayed open.
 */
export function onSessionEnded(listener: () => void): void {
  sessionEndedListeners.add(listener);
}

async function request<T>(path: string, init: RequestInit = {}): Promise<{ body: T; response: Response }> {
  const response = await fetch(`${API}${path}`, { credentials: "same-origin", ...init });
  if (response.status === 401 && path !== "/login") for (const listener of sessionEndedListeners) listener();
  const type = response.headers.get("content-type") ?? "";
  const body = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) {
    const shaped =
      typeof body === "object" && body && "error" in body
        ? (body as ApiErrorBody)
        : {
            error: {
              code: "http",
              message: `HTTP ${response.status}`,
              message_vi: `Lỗi HTTP ${response.status}`,
            },
          };
    throw new ApiError(response.status, shaped);
  }
  if (!type.includes("json")) throw new ApiError(response.status, notARegister());
  return { body: body as T, response };
}

/** The error of a page served without the register's API (the map alone). */
export function notARegister(): ApiErrorBody {
  return { error: { code: "no_register", message: "no register here", message_vi: "Không có sổ đăng ký" } };
}

const json = (method: string, data: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(data),
});

/** The query string of a filter, as the list, the points and the exports take it. */
export function filterQuery(filters: FacilityFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  setFilterParams(params, filters);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

export const api = {
  meta: () => request<Meta>("/meta").then((r) => r.body),
  /** Audit entries with ids after `after`, oldest first (administrators). */
  audit: (after: number, limit: number) =>
    request<{ items: AuditEntry[]; next: number | null }>(`/audit?after=${after}&limit=${limit}`).then(
      (r) => r.body,
    ),
  auditVerify: () =>
    request<{ ok: boolean; entries: number; head: string; first_bad?: number }>("/audit/verify").then(
      (r) => r.body,
    ),
  me: () => request<{ user: User | null }>("/me").then((r) => r.body.user),
  login: (username: string, password: string) =>
    request<{ user: User }>("/login", json("POST", { username, password })).then((r) => r.body.user),
  logout: () => request<unknown>("/logout", { method: "POST" }),
  points: (filters: FacilityFilters) =>
    request<Points>(`/points?${filterQuery(filters)}`).then((r) => r.body),
  list: (filters: FacilityFilters, cursor?: string, limit = 50, sort: ListSort = "id") =>
    request<{ items: FacilityView[]; next: string | null }>(
      `/facilities?${filterQuery(filters, {
        limit: String(limit),
        ...(sort !== "id" ? { sort } : {}),
        ...(cursor ? { cursor } : {}),
      })}`,
    ).then((r) => r.body),
  facility: (id: number) => request<FacilityView>(`/facilities/${id}`).then((r) => r.body),
  history: (id: number) =>
    request<{ items: HistoryEvent[] }>(`/facilities/${id}/history`).then((r) => r.body.items),
  create: (fields: Record<string, unknown>) =>
    request<FacilityView>("/facilities", json("POST", fields)).then((r) => r.body),
  patch: (id: number, version: number, fields: Record<string, unknown>) =>
    request<FacilityView>(`/facilities/${id}`, json("PATCH", fields, { "if-match": `"${version}"` })).then(
      (r) => r.body,
    ),
  transition: (id: number, version: number, body: Record<string, unknown>) =>
    request<FacilityView>(
      `/facilities/${id}/transitions`,
      json("POST", body, { "if-match": `"${version}"` }),
    ).then((r) => r.body),
  stats: (date: string, province?: string) =>
    request<Stats>(`/stats?${new URLSearchParams({ date, ...(province ? { province } : {}) })}`).then(
      (r) => r.body,
    ),
  series: (from: string, to: string, province?: string) =>
    request<{ items: (Figures & { date: string })[] }>(
      `/stats/series?${new URLSearchParams({ from, to, ...(province ? { province } : {}) })}`,
    ).then((r) => r.body.items),
  coverage: (province?: string) =>
    request<{ seats: CoverageSeat[]; without_facility: number }>(
      `/coverage${province ? `?province=${province}` : ""}`,
    ).then((r) => r.body),
  import: (province: string, file: File, dryRun: boolean) =>
    request<{ rows: number; created: number; updated: number; unchanged: number; dry_run: boolean }>(
      `/import?province=${province}${dryRun ? "&dry_run=1" : ""}`,
      {
        method: "POST",
        headers: {
          "content-type": /\.xlsx$/i.test(file.name)
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            : "text/csv",
        },
        body: file,
      },
    ).then((r) => r.body),
};
