/**
 * One error shape for every 4xx: `{ error: { code, message, message_vi, details } }`, with stable
 * codes a client can switch on and messages in English and Vietnamese.
 */
import type { ZodError } from "zod";

export const ERROR_CODES = [
  "bad_request",
  "validation_failed",
  "unauthenticated",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "precondition_required",
  "version_conflict",
  "transition_not_allowed",
  "missing_fields",
  "conflict",
  "too_many_attempts",
  "too_many_requests",
  "payload_too_large",
  "unsupported_media_type",
  "import_rejected",
  "internal",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  /** `details` is null when the error has nothing more to say. */
  error: { code: ErrorCode; message: string; message_vi: string; details: unknown };
}

export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 415 | 422 | 428 | 429 | 500,
    readonly code: ErrorCode,
    message: string,
    readonly messageVi: string,
    readonly details?: unknown,
    /** Members beside `error` that an endpoint's contract names (the import's `errors`). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  get body(): ErrorBody {
    return {
      ...this.extra,
      error: {
        code: this.code,
        message: this.message,
        message_vi: this.messageVi,
        details: this.details ?? null,
      },
    };
  }
}

/** A 422 about one field of the request (a query parameter), saying what is wrong with it. */
export const invalidField = (field: string, message: string, message_vi: string) =>
  new ApiError(422, "validation_failed", message, message_vi, {
    fields: [{ field, code: "invalid", message, message_vi }],
  });

/** `what` and `what_vi` name the missing thing in each language ("facility 7", "cơ sở 7"). */
export const notFound = (what: string, what_vi: string) =>
  new ApiError(404, "not_found", `${what} not found`, `Không tìm thấy ${what_vi}`);

/** The answer to a path under /api that no route serves. */
export const noSuchEndpoint = (method: string, path: string) =>
  new ApiError(404, "not_found", `no such endpoint: ${method} ${path}`, "Không có địa chỉ này");

/** The answer to a path under /api served under other methods only (`allow` lists them). */
export const methodNotAllowed = (method: string, path: string, allow: string) =>
  new ApiError(
    405,
    "method_not_allowed",
    `${path} does not take ${method}: it takes ${allow}`,
    `Địa chỉ này không nhận ${method}, chỉ nhận ${allow}`,
  );

/** A field of a request that cannot be used, as the API reports it (the shape of a record's field errors). */
export interface RequestFieldError {
  field: string;
  code: "required" | "invalid";
  message: string;
  message_vi: string;
}

/** The longest value an error quotes. */
const QUOTED = 40;

/**
 * A request's unusable fields (query parameters, a JSON body's members) from the validator's issues,
 * one per field, in both languages: the value sent, and the values allowed where there is a list.
 */
export function requestFieldErrors(
  issues: ZodError["issues"],
  sentValue: (field: string) => string | undefined,
): RequestFieldError[] {
  const byField = new Map<string, RequestFieldError>();
  for (const issue of issues) {
    const field = issue.path.join(".") || "body";
    if (byField.has(field)) continue;
    const value = sentValue(field);
    const sent = value === undefined ? "" : ` "${value.slice(0, QUOTED)}${value.length > QUOTED ? "…" : ""}"`;
    if (issue.code === "invalid_type" && value === undefined && /received undefined/.test(issue.message)) {
      byField.set(field, {
        field,
        code: "required",
        message: `${field} is required`,
        message_vi: `thiếu ${field}`,
      });
      continue;
    }
    const allowed = issue.code === "invalid_value" ? issue.values.map(String).join(", ") : "";
    byField.set(field, {
      field,
      code: "invalid",
      message: allowed
        ? `${field}${sent} is not one of: ${allowed}`
        : `${field}${sent} is not valid: ${issue.message}`,
      message_vi: allowed ? `${field}${sent} không thuộc: ${allowed}` : `${field}${sent} không hợp lệ`,
    });
  }
  return [...byField.values()];
}
