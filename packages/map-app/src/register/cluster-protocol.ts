/** Messages between the facilities layer and its clustering worker. */
import { CATEGORIES, STAGES } from "@diagioi/core";

export const STAGE_CLASSES = STAGES.values.length;
/**
 * Classes of the colour by category: the Ministry of Finance's, then withdrawn facilities, which have
 * left the list and count in none (as in the figures).
 */
export const CATEGORY_CLASSES = CATEGORIES.values.length + 1;
export const WITHDRAWN_CLASS = CATEGORIES.values.length;
/** A cluster's row: its count per stage, then per category class. */
export const CLASS_WIDTH = STAGE_CLASSES + CATEGORY_CLASSES;

export type WorkerRequest =
  | { type: "load"; seq: number; response: FetchedPoints }
  | { type: "clusters"; seq: number; query: number; bbox: [number, number, number, number]; zoom: number }
  | { type: "expand"; seq: number; query: number; cluster: number };

/**
 * The points' response as it came: fetched by the page (a worker starts only once the page's main
 * thread is free, which is after the map is built), parsed and clustered by the worker.
 */
export interface FetchedPoints {
  status: number;
  contentType: string;
  body: ArrayBuffer;
}

/** The loaded points as columns (index i of each is one facility). */
export interface ColumnsReply {
  type: "columns";
  seq: number;
  id: Int32Array;
  lng: Float64Array;
  lat: Float64Array;
  stage: Uint8Array;
  category: Uint8Array;
  overdue: Uint8Array;
  /** Matching facilities without a point, which the map cannot draw. */
  withoutPoint: number;
}

/** Clusters and single points in a box: `ref` is the cluster id, or the point's index when `count` is 1. */
export interface ClusterReply {
  type: "clusters";
  seq: number;
  query: number;
  lng: Float64Array;
  lat: Float64Array;
  count: Uint32Array;
  ref: Int32Array;
  classes: Uint32Array;
}

export interface ExpandReply {
  type: "expand";
  seq: number;
  query: number;
  zoom: number;
}

export interface ErrorReply {
  type: "error";
  seq: number;
  status: number;
  body: unknown;
}

export type WorkerReply = ColumnsReply | ClusterReply | ExpandReply | ErrorReply;
