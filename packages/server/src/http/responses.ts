/**
 * The shapes of the API's answers as the OpenAPI document describes them (JSON Schema): the error
 * shape every 4xx and 5xx shares, and the bodies of the contract's reads and of an import.
 */
import { CATEGORIES, STAGES } from "@diagioi/core";
import { ERROR_CODES } from "../errors.ts";

type JsonSchema = Record<string, unknown>;

const counts = (keys: readonly string[]): JsonSchema => ({
  type: "object",
  properties: Object.fromEntries(keys.map((key) => [key, { type: "integer" }])),
});

const figures: JsonSchema = {
  type: "object",
  required: ["total", "handled", "pending", "overdue", "by_category"],
  properties: {
    total: { type: "integer", description: "Facilities listed that day (withdrawn ones are not)." },
    handled: { type: "integer", description: "With a decision: decided, executing or done." },
    pending: { type: "integer" },
    overdue: { type: "integer" },
    by_category: counts([...CATEGORIES.values, "pending"]),
  },
};

const rowError: JsonSchema = {
  type: "object",
  required: ["row", "column", "message", "message_vi"],
  properties: {
    row: { type: "integer", description: "The file's line (1 is the header; 0: the file as a whole)." },
    column: { type: ["string", "null"] },
    message: { type: "string" },
    message_vi: { type: "string" },
  },
};

const error: JsonSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "message_vi", "details"],
      properties: {
        code: { type: "string", enum: [...ERROR_CODES] },
        message: { type: "string" },
        message_vi: { type: "string" },
        details: {
          description:
            "null, or more: `fields` [{field, code?, message, message_vi?}] for a 422; `current` (the facility) for a 412; `field` for a 409.",
        },
      },
    },
  },
};

/** Components of the document, by name. */
export const SCHEMAS: Record<string, JsonSchema> = {
  Error: error,
  ImportRejected: {
    ...error,
    required: ["error", "errors"],
    properties: { ...(error.properties as object), errors: { type: "array", items: rowError } },
  },
  FacilityList: {
    type: "object",
    required: ["items", "next"],
    properties: {
      items: { type: "array", items: { $ref: "#/components/schemas/Facility" } },
      next: { type: ["string", "null"], description: "Pass as `cursor` for the next page; null at the end." },
    },
  },
  History: {
    type: "object",
    required: ["items"],
    properties: {
      items: {
        type: "array",
        items: {
          type: "object",
          required: ["version", "at", "actor", "action", "stage"],
          properties: {
            version: { type: "integer" },
            at: { type: "string", format: "date-time" },
            actor: { type: ["string", "null"] },
            action: { type: "string" },
            stage: { type: "string", enum: [...STAGES.values] },
            note: { type: ["string", "null"] },
          },
        },
      },
    },
  },
  Stats: {
    type: "object",
    required: ["date", "total", "handled", "pending", "overdue", "by_category", "by_province"],
    properties: {
      date: { type: "string", format: "date" },
      ...(figures.properties as object),
      by_province: { type: "object", additionalProperties: figures },
    },
  },
  ImportResult: {
    type: "object",
    required: ["rows", "created", "updated", "unchanged", "dry_run"],
    properties: {
      ...(counts(["rows", "created", "updated", "unchanged"]).properties as object),
      dry_run: { type: "boolean" },
    },
  },
  Coverage: {
    type: "object",
    required: ["seats", "without_facility"],
    properties: {
      seats: {
        type: "array",
        items: {
          type: "object",
          properties: {
            code: { type: "string" },
            level: { type: "string", enum: ["province", "district", "commune"] },
            full_name: { type: "string" },
            facility_count: { type: "integer" },
            facilities: { type: "array", items: { type: "object" } },
          },
        },
      },
      without_facility: { type: "integer" },
    },
  },
  AuditVerify: {
    type: "object",
    required: ["ok", "entries", "head"],
    properties: { ok: { type: "boolean" }, entries: { type: "integer" }, head: { type: ["string", "null"] } },
  },
};

/** The schema of each route's 2xx answer, by "method path" as the document writes them. */
export const RESPONSE_SCHEMAS: Record<string, string> = {
  "get /api/facilities": "FacilityList",
  "get /api/facilities/{id}/history": "History",
  "get /api/stats": "Stats",
  "post /api/import": "ImportResult",
  "get /api/coverage": "Coverage",
  "get /api/audit/verify": "AuditVerify",
};
