// Binds the app to a socket. Loopback by default; any other host needs a token, because the API accepts
// uploads and the UI shows everything in the store.

import { serve, type ServerType } from "@hono/node-server";
import type { Config } from "../core/config.ts";
import { DossierError } from "../core/errors.ts";
import type { Dossier } from "../pipeline/dossier.ts";
import { createApp, isLoopbackHost } from "./app.ts";

export interface ServerOptions {
  dossier: Dossier;
  config: Readonly<Config>;
  host?: string;
  port?: number;
  token?: string | null;
  webRoot?: string | null;
  /** Compute the storyline list and the largest storyline in the background once listening, so the first
   *  visitor does not wait for them (seconds to minutes on a large store). */
  prewarm?: boolean;
}

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

/** Throws BAD_CONFIG when a non-loopback host is asked for without a token. */
export function checkBind(host: string, token: string | null | undefined): void {
  if (!isLoopbackHost(host) && !token) {
    throw new DossierError(
      "BAD_CONFIG",
      `--host ${host}`,
      "refusing to listen on a non-loopback address without a token: anyone on the network could read the store and upload pages. Pass --token <secret> (or set DOSSIER_TOKEN), or keep the default --host 127.0.0.1",
    );
  }
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? opts.config.server.host;
  const port = opts.port ?? opts.config.server.port;
  const token = opts.token === undefined ? opts.config.server.token : opts.token;
  checkBind(host, token);
  const app = createApp({ dossier: opts.dossier, config: opts.config, token, host, webRoot: opts.webRoot });
  return new Promise((resolve, reject) => {
    let server: ServerType;
    const onError = (e: Error) => reject(new DossierError("BAD_CONFIG", `${host}:${port}`, `cannot listen: ${e.message}`));
    server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
      server.off("error", onError);
      if (opts.prewarm) void prewarm(app);
      const shown = info.address.includes(":") ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shown}:${info.port}`,
        host: info.address,
        port: info.port,
        close: () => new Promise<void>((res) => {
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          server.close(() => res());
        }),
      });
    });
    server.once("error", onError);
  });
}

async function prewarm(app: ReturnType<typeof createApp>): Promise<void> {
  try {
    // The story list backs every article page (its story and storyline); the storyline list the front page.
    await app.request("/api/stories?limit=1");
    const lines = (await (await app.request("/api/storylines")).json()) as { items?: { id: string }[] };
    const top = lines.items?.[0];
    if (top) await app.request(`/api/storylines/${encodeURIComponent(top.id)}`);
  } catch {
    // Warming is best effort: a failure here shows up again, with its message, on the first real request.
  }
}
