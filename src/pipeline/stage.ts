// A stage is a plain function with a declared contract (DESIGN.md convention 1, after spaCy's components).
// The runner checks at start-up that every `requires` is produced by an earlier stage.

export interface Stage<In, Out> {
  readonly name: string;
  /** Bumped when the stage's output would change; stored with results so stale ones can be recomputed. */
  readonly version: string;
  readonly requires: readonly string[];
  readonly produces: readonly string[];
  readonly run: (input: In) => Out;
}

export function defineStage<In, Out>(s: Stage<In, Out>): Stage<In, Out> {
  return Object.freeze({ ...s, requires: Object.freeze([...s.requires]), produces: Object.freeze([...s.produces]) });
}

/** Throws when a stage requires something no earlier stage (nor the initial input) produces. */
export function checkStageOrder(stages: readonly Stage<any, any>[], initial: readonly string[] = ["document"]): void {
  const have = new Set(initial);
  for (const s of stages) {
    const missing = s.requires.filter((r) => !have.has(r));
    if (missing.length) {
      throw new Error(`stage "${s.name}" requires ${missing.join(", ")}, which no earlier stage produces (have: ${[...have].join(", ")})`);
    }
    for (const p of s.produces) have.add(p);
  }
}

/** "extract@3+annotate@2": what produced a stored result. */
export function versionTag(stages: readonly Stage<any, any>[]): string {
  return stages.map((s) => `${s.name}@${s.version}`).join("+");
}
