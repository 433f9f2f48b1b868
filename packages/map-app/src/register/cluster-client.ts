/** The main thread's side of the clustering worker: one promise per request, stale answers dropped. */
import type { FacilityFilters } from "../url-state.ts";
import { API, ApiError, type ApiErrorBody, filterQuery, notARegister } from "./api.ts";
import type { ClusterReply, ColumnsReply, WorkerReply, WorkerRequest } from "./cluster-protocol.ts";

export class ClusterClient {
  private readonly worker = new Worker(new URL("./cluster-worker.ts", import.meta.url), { type: "module" });
  private seq = 0;
  private query = 0;
  private readonly pending = new Map<
    string,
    { resolve: (value: never) => void; reject: (error: Error) => void }
  >();

  constructor() {
    this.worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      const key =
        reply.type === "columns" || reply.type === "error"
          ? `load:${reply.seq}`
          : `${reply.type}:${reply.query}`;
      const waiting = this.pending.get(key);
      if (!waiting) return;
      this.pending.delete(key);
      if (reply.type === "error") {
        const body = (reply.body as ApiErrorBody | null) ?? notARegister();
        waiting.reject(new ApiError(reply.status, body));
      } else if (reply.seq !== this.seq) waiting.reject(new Error("superseded"));
      else waiting.resolve(reply as never);
    };
  }

  /** Fetches and clusters the points matching a filter; earlier loads are superseded. */
  load(filters: FacilityFilters): Promise<ColumnsReply> {
    const seq = ++this.seq;
    const query = filterQuery(filters);
    const response = fetch(`${API}/points${query ? `?${query}` : ""}`, { credentials: "same-origin" }).then(
      async (r) => ({
        status: r.status,
        contentType: r.headers.get("content-type") ?? "",
        body: await r.arrayBuffer(),
      }),
    );
    return response.then(
      (fetched) =>
        this.ask<ColumnsReply>(`load:${seq}`, { type: "load", seq, response: fetched }, [fetched.body]),
      (error: unknown) => {
        throw new ApiError(0, {
          error: { code: "network", message: String(error), message_vi: "Không kết nối được máy chủ" },
        });
      },
    );
  }

  clusters(bbox: [number, number, number, number], zoom: number): Promise<ClusterReply> {
    const query = ++this.query;
    return this.ask<ClusterReply>(`clusters:${query}`, {
      type: "clusters",
      seq: this.seq,
      query,
      bbox,
      zoom,
    });
  }

  expansionZoom(cluster: number): Promise<number> {
    const query = ++this.query;
    return this.ask<{ zoom: number }>(`expand:${query}`, {
      type: "expand",
      seq: this.seq,
      query,
      cluster,
    }).then((r) => r.zoom);
  }

  private ask<T>(key: string, request: WorkerRequest, transfer: Transferable[] = []): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.set(key, { resolve: resolve as (value: never) => void, reject });
      this.worker.postMessage(request, transfer);
    });
  }
}
