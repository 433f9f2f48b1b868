/**
 * The HTTP server around the app: Node's server, with the answers it gives before the app sees a
 * request. A body whose Content-Length is over the route's limit is refused here, so that the client
 * reads the 413 whatever it does next: one that waits (`Expect: 100-continue`, as curl does for large
 * bodies) is answered at once and sends nothing; one that sends anyway (fetch) has its body read and
 * dropped, then the answer. Refused by the app mid-body, the connection was cut while the client
 * was still sending, and it saw a reset instead of the 413.
 */
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from "node:http";
import type { Duplex } from "node:stream";
import { getRequestListener } from "@hono/node-server";
import { ApiError } from "../errors.ts";
import { bodyLimitFor, tooLarge } from "./app.ts";

/** Past this much, a refused body is no longer read: the connection is closed instead. */
const MAX_DROPPED_BYTES = 256 * 1024 * 1024;
/** …nor after this long. */
const MAX_DROP_MS = 60_000;

export function nodeServer(fetch: (request: Request) => Response | Promise<Response>): Server {
  const listener = getRequestListener(fetch);
  const server = createServer((request, response) => {
    const limit = overLimit(request);
    if (limit === undefined) void listener(request, response);
    else dropThenRefuse(request, response, limit);
  });
  server.on("checkContinue", (request, response) => {
    const limit = overLimit(request);
    if (limit !== undefined) {
      refuse(response, limit);
      return;
    }
    response.writeContinue();
    void listener(request, response);
  });
  server.on("clientError", answerUnparsedRequest);
  return server;
}

/** The route's body limit when the declared length passes it; undefined otherwise. */
function overLimit(request: IncomingMessage): number | undefined {
  const length = Number(request.headers["content-length"]);
  const limit = bodyLimitFor(request.method ?? "GET", new URL(request.url ?? "/", "http://x").pathname);
  return Number.isFinite(length) && length > limit ? limit : undefined;
}

/** Reads the body into nothing, then answers 413; a body too long to wait for ends the connection. */
function dropThenRefuse(request: IncomingMessage, response: ServerResponse, limit: number): void {
  let dropped = 0;
  const giveUp = () => {
    request.off("data", onData);
    refuse(response, limit);
    request.socket.destroySoon();
  };
  const timer = setTimeout(giveUp, MAX_DROP_MS);
  timer.unref();
  const onData = (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > MAX_DROPPED_BYTES) {
      clearTimeout(timer);
      giveUp();
    }
  };
  request.on("data", onData);
  request.on("end", () => {
    clearTimeout(timer);
    refuse(response, limit);
  });
  request.on("error", () => clearTimeout(timer));
}

function refuse(response: ServerResponse, limit: number): void {
  if (response.headersSent) return;
  // The app's own 413, in its words.
  const body = JSON.stringify(tooLarge(limit).body);
  response.writeHead(413, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    Connection: "close",
  });
  response.end(body);
}

/**
 * A request Node's HTTP parser refused before the app saw it (headers over 16 KB, a malformed request
 * line) answered as every other error is, in JSON, instead of Node's bare status line.
 */
function answerUnparsedRequest(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || error.code === "ECONNRESET") {
    socket.destroy();
    return;
  }
  const headersTooLarge = error.code === "HPE_HEADER_OVERFLOW";
  const status = headersTooLarge ? 431 : 400;
  // The API's error body; the status line says 431 where that is the reason.
  const refused = headersTooLarge
    ? new ApiError(
        400,
        "bad_request",
        "the request's headers are too large (16 KB at most)",
        "phần đầu (headers) của yêu cầu quá lớn (tối đa 16 KB)",
      )
    : new ApiError(400, "bad_request", "the request cannot be read", "không đọc được yêu cầu");
  const body = JSON.stringify(refused.body);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
