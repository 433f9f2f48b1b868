/**
 * Fetches the register's points and clusters them off the main thread, so that the map's own first
 * work (parsing the dataset, drawing the communes) and the clustering run side by side. Each cluster
 * carries how many of its facilities are at each stage and in each category, kept in one typed array
 * (a row per cluster) rather than in objects.
 */
import { CATEGORIES, categoryOf, type DisposalOption, type Stage } from "@diagioi/core";
import Supercluster, { type ClusterProperties, type PointFeature } from "supercluster";
import type { Points } from "./api.ts";
import type { ClusterReply, ColumnsReply, WorkerRequest } from "./cluster-protocol.ts";
import { CLASS_WIDTH, STAGE_CLASSES, WITHDRAWN_CLASS } from "./cluster-protocol.ts";

type Props = { i: number };
type ClusterProps = { k: number };

let index: Supercluster<Props, ClusterProps> | undefined;
let stageOf = new Uint8Array(0);
let categoryIndex = new Uint8Array(0);
let rows = new Uint32Array(CLASS_WIDTH * 1024);
let used = 0;
/** Which props object owns each row: supercluster copies a cluster's props before adding to them. */
let owners: ClusterProps[] = [];

const post = (
  message: ColumnsReply | ClusterReply | { type: "error"; seq: number; status: number; body: unknown },
  transfer: Transferable[] = [],
) => (self as unknown as Worker).postMessage(message, transfer);

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const message = event.data;
  if (message.type === "load") {
    const { status, contentType, body } = message.response;
    const text = new TextDecoder().decode(body);
    let points: Points;
    try {
      if (status < 200 || status > 299 || !contentType.includes("json")) {
        post({
          type: "error",
          seq: message.seq,
          status,
          body: contentType.includes("json") ? JSON.parse(text) : null,
        });
        return;
      }
      points = JSON.parse(text) as Points;
    } catch (error) {
      post({ type: "error", seq: message.seq, status: 0, body: String(error) });
      return;
    }
    const columns = build(points);
    post({ type: "columns", seq: message.seq, ...columns, withoutPoint: points.without_point ?? 0 }, [
      columns.id.buffer,
      columns.lng.buffer,
      columns.lat.buffer,
      columns.stage.buffer,
      columns.category.buffer,
      columns.overdue.buffer,
    ]);
  } else if (message.type === "clusters" && index) {
    const features = index.getClusters(message.bbox, message.zoom);
    const n = features.length;
    const lng = new Float64Array(n);
    const lat = new Float64Array(n);
    const count = new Uint32Array(n);
    const ref = new Int32Array(n);
    const classes = new Uint32Array(n * CLASS_WIDTH);
    for (let j = 0; j < n; j++) {
      const f = features[j] as PointFeature<Props & Partial<ClusterProperties & ClusterProps>>;
      const [x, y] = f.geometry.coordinates as [number, number];
      lng[j] = x;
      lat[j] = y;
      const p = f.properties;
      if (p.cluster) {
        count[j] = p.point_count as number;
        ref[j] = p.cluster_id as number;
        classes.set(
          rows.subarray((p.k as number) * CLASS_WIDTH, ((p.k as number) + 1) * CLASS_WIDTH),
          j * CLASS_WIDTH,
        );
      } else {
        count[j] = 1;
        ref[j] = p.i;
      }
    }
    post({ type: "clusters", seq: message.seq, query: message.query, lng, lat, count, ref, classes }, [
      lng.buffer,
      lat.buffer,
      count.buffer,
      ref.buffer,
      classes.buffer,
    ]);
  } else if (message.type === "expand" && index) {
    post({
      type: "expand",
      seq: message.seq,
      query: message.query,
      zoom: index.getClusterExpansionZoom(message.cluster),
    } as never);
  }
};

function build(points: Points) {
  const n = points.id.length;
  const categories = CATEGORIES.values as readonly string[];
  stageOf = new Uint8Array(n);
  categoryIndex = new Uint8Array(n);
  const overdue = new Uint8Array(n);
  const features: PointFeature<Props>[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const optionIndex = points.option[i] as number;
    const option = optionIndex < 0 ? null : (points.options[optionIndex] as DisposalOption);
    stageOf[i] = points.stage[i] as number;
    const stage = points.stages[points.stage[i] as number] as Stage;
    categoryIndex[i] =
      stage === "withdrawn" ? WITHDRAWN_CLASS : categories.indexOf(categoryOf(stage, option));
    overdue[i] = points.overdue[i] as number;
    features[i] = {
      type: "Feature",
      properties: { i },
      geometry: { type: "Point", coordinates: [points.lng[i] as number, points.lat[i] as number] },
    };
  }
  used = 0;
  owners = [];
  index = new Supercluster<Props, ClusterProps>({
    radius: 60,
    maxZoom: 15,
    map: (p) => {
      const k = allocate();
      rows[k * CLASS_WIDTH + (stageOf[p.i] as number)] = 1;
      rows[k * CLASS_WIDTH + STAGE_CLASSES + (categoryIndex[p.i] as number)] = 1;
      const props = { k };
      owners[k] = props;
      return props;
    },
    reduce: (acc, p) => {
      if (owners[acc.k] !== acc) {
        const k = allocate();
        rows.copyWithin(k * CLASS_WIDTH, acc.k * CLASS_WIDTH, (acc.k + 1) * CLASS_WIDTH);
        acc.k = k;
        owners[k] = acc;
      }
      const to = acc.k * CLASS_WIDTH;
      const from = p.k * CLASS_WIDTH;
      for (let j = 0; j < CLASS_WIDTH; j++)
        rows[to + j] = (rows[to + j] as number) + (rows[from + j] as number);
    },
  }).load(features);
  return {
    id: Int32Array.from(points.id),
    lng: Float64Array.from(points.lng),
    lat: Float64Array.from(points.lat),
    stage: stageOf.slice(),
    category: categoryIndex.slice(),
    overdue,
  };
}

function allocate(): number {
  if ((used + 1) * CLASS_WIDTH > rows.length) {
    const grown = new Uint32Array(rows.length * 2);
    grown.set(rows);
    rows = grown;
  }
  rows.fill(0, used * CLASS_WIDTH, (used + 1) * CLASS_WIDTH);
  return used++;
}
