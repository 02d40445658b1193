// The `dossier` command line. Each command is a thin edge over pipeline/ and store/.

import { Command, Option } from "commander";
import { registerArticleCommands } from "./commands/articles.ts";
import { registerBatchCommands, registerRowBatchCommands } from "./commands/batch.ts";
import { registerStoryCommands } from "./commands/stories.ts";
import { registerServeCommand } from "./commands/serve.ts";
import { registerIngestCommand, registerWorkerCommand } from "./commands/ingest.ts";
import { registerDemoCommand } from "./commands/demo.ts";
import { fail } from "./context.ts";

const program = new Command();
program
  .name("dossier")
  .description("Follow a news story across the world's press: clean articles, copies, stories, quotes, timeline.")
  .version("0.1.0")
  .addOption(new Option("--db <file>", "SQLite database file (env DOSSIER_DB)").default(undefined, "./dossier.db"))
  .option("--pg <url>", "use a shared PostgreSQL store instead of SQLite (env DOSSIER_PG)")
  .option("--config <file>", "JSON config merged over the defaults (env DOSSIER_CONFIG, or ./dossier.config.json)")
  .showHelpAfterError("(run with --help for usage)");

registerIngestCommand(program);
registerWorkerCommand(program);
registerArticleCommands(program);
registerStoryCommands(program);
registerServeCommand(program);
registerBatchCommands(program);
registerRowBatchCommands(program);
registerDemoCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  fail(e);
}
