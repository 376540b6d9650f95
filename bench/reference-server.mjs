// The reference: a plain in-memory y-websocket server, @y/websocket-server@0.1.1's own
// setupWSConnection on a `ws` WebSocketServer (the same ws 8 our server uses) on an http server,
// listening on loopback. No auth, no persistence (YPERSISTENCE unset). Used only by the bench.
// The room is the last path segment, so the same client URLs (ws://host/collab/<room>) work.
import http from "node:http";
import { setupWSConnection } from "@y/websocket-server/utils";
import { WebSocketServer } from "ws";

const port = Number(process.env.PORT ?? 0);
const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_req, res) => {
  res.writeHead(200, { "Content-Type": "text/plain" });
  res.end("okay");
});

server.on("upgrade", (req, socket, head) => {
  const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
  const docName = pathname.split("/").filter(Boolean).pop() ?? "";
  wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req, { docName }));
});

server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  const actual = typeof address === "object" && address ? address.port : port;
  process.stdout.write(`reference y-websocket server listening on ${actual}\n`);
});

process.on("SIGTERM", () => process.exit(0));
