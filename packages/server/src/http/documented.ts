/**
 * The facility's bodies as the OpenAPI document describes them, derived from core's field table (the
 * register checks the same table, with its own messages, so the JSON schema here only documents).
 */
import { ACTIONS, EDITABLE_FIELDS, FIELD_NAMES, FIELDS, type FieldType, PUBLIC_FIELDS } from "@diagioi/core";
import { TRANSITION_FIELDS } from "../register.ts";
import { ObjectBody } from "./schemas.ts";

type JsonSchema = Record<string, unknown>;

function schemaOf(type: FieldType): JsonSchema {
  switch (type.kind) {
    case "text":
      return { type: ["string", "null"], maxLength: type.max };
    case "number":
    case "integer":
      return { type: [type.kind, "null"], minimum: type.min, maximum: type.max };
    case "date":
      return { type: ["string", "null"], format: "date" };
    case "boolean":
      return { type: ["boolean", "null"] };
    case "enum":
      return { type: ["string", "null"], enum: [...type.values, null] };
  }
}

const properties = (fields: readonly string[]) =>
  Object.fromEntries(fields.map((f) => [f, schemaOf(FIELDS[f as keyof typeof FIELDS].type)]));

/** A facility as read: every field signed in, those marked public otherwise. */
export const FacilitySchema = ObjectBody.openapi("Facility", {
  type: "object",
  description: `Every field when signed in; anonymous readers get ${[...PUBLIC_FIELDS, "overdue"].join(", ")}.`,
  properties: {
    ...properties(FIELD_NAMES),
    flags: { type: "array", items: { type: "string" } },
    overdue: { type: "boolean" },
    transitions: {
      type: "array",
      items: {
        type: "object",
        properties: { action: { type: "string", enum: [...ACTIONS] }, required: { type: "array" } },
      },
    },
  },
});

/** POST /api/facilities: the editable fields; a point (lng, lat) or an address places it. */
export const FacilityInput = ObjectBody.openapi("FacilityInput", {
  type: "object",
  additionalProperties: false,
  required: ["external_id", "name"],
  properties: properties(EDITABLE_FIELDS),
});

/** PATCH /api/facilities/{id}: any of the editable fields. */
export const FacilityPatch = ObjectBody.openapi("FacilityPatch", {
  type: "object",
  additionalProperties: false,
  properties: properties(EDITABLE_FIELDS),
});

/** POST /api/facilities/{id}/transitions: a step of the workflow with the fields it requires. */
export const TransitionInput = ObjectBody.openapi("TransitionInput", {
  type: "object",
  additionalProperties: false,
  required: ["action"],
  properties: {
    action: { type: "string", enum: [...ACTIONS] },
    note: { type: ["string", "null"], maxLength: 2000 },
    ...properties(TRANSITION_FIELDS),
  },
});
