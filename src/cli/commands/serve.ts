// `dossier serve`: the HTTP API and the web UI on one port (src/api). Builds the UI on first start when
// web/dist is missing. Loopback by default; another host needs --token (or DOSSIER_TOKEN).

import type { Command } from "commander";
import { makeConfig } from "../../core/config.ts";
import { DossierError } from "../../core/errors.ts";
import { checkBind, startServer } from "../../api/server.ts";
import { Dossier } from "../../pipeline/dossier.ts";
import { dbPath, loadConfig, openStore, type GlobalOptions } from "../context.ts";

export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("serve the web UI and the HTTP API (http://127.0.0.1:4477 by default)")
    .option("--host <host>", "address to bind (anything but loopback needs --token)")
    .option("--port <port>", "port (0 picks a free one)")
    .option("--token <token>", "bearer token required for writes (env DOSSIER_TOKEN)")
    .option("--no-ui", "serve the API only")
    .action(async (o: { host?: string; port?: string; token?: string; ui: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const base = loadConfig(g.config);
      const port = o.port === undefined ? base.server.port : Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new DossierError("BAD_CONFIG", `--port ${o.port}`, "expected a port number 0-65535");
      const server = { host: o.host ?? base.server.host, port, token: o.token ?? process.env.DOSSIER_TOKEN ?? base.server.token };
      const config = makeConfig({ ...base, server }, g.config ?? "config");
      // Refuse a public bind before opening the store or building anything.
      checkBind(server.host, server.token);
      let webRoot: string | null = null;
      if (o.ui) {
        const { ensureWebBuilt, webBuilt } = await import("../../../web/build.ts");
        if (!webBuilt()) process.stderr.write("building the web UI (first start) …\n");
        webRoot = await ensureWebBuilt();
      }
      const store = await openStore(g);
      const dossier = new Dossier(store, config);
      const running = await startServer({ dossier, config, webRoot, prewarm: true });
      process.stdout.write(`Dossier is serving ${store.kind === "sqlite" ? dbPath(g) : "the PostgreSQL store"} at ${running.url}/${webRoot ? "" : " (API only)"}  ·  API: ${running.url}/openapi.json\n`);
      if (!server.token) process.stdout.write("writes (POST /api/ingest) are open to this machine only; pass --token to require a bearer token\n");
      const stop = async () => {
        await running.close();
        await store.close();
        process.exit(0);
      };
      process.once("SIGINT", () => void stop());
      process.once("SIGTERM", () => void stop());
    });
}
