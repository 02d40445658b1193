// `dossier serve`: placeholder until the API lands (src/api).
import type { Command } from "commander";

export function registerServeCommand(_program: Command): void {}
