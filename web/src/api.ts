// Typed calls to the Dossier API (same origin). Types come from the server code, so they cannot drift.

import type { StorylineSummary, StorylineView, StorySummary } from "../../src/pipeline/dossier.ts";
import type { Annotations, Article, Removal } from "../../src/core/types.ts";
import type { ArticleSummary, CopyRecord, QuoteRecord, SearchHit, StoredRejection } from "../../src/store/store.ts";
import type { IngestSummary } from "../../src/pipeline/ingest.ts";

export type { StorylineSummary, StorylineView, StorySummary, Annotations, Article, ArticleSummary, QuoteRecord, SearchHit, StoredRejection, Removal, IngestSummary };

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export type CopyMemberView = CopyRecord & { title: string | null; outlet: string | null; date: string | null; estimated: boolean; url: string | null };

export interface ArticleView {
  article: Omit<Article, "removed"> & { removed?: Removal[]; removedCount: number };
  annotations: Annotations | null;
  copies: CopyMemberView[];
  story: { id: string; label: string; storyline: string } | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function get<T>(path: string, params: Record<string, string | number | undefined | null> = {}): Promise<T> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") qs.set(k, String(v));
  const url = qs.size ? `${path}?${qs}` : path;
  const r = await fetch(url, { headers: { accept: "application/json" } });
  if (!r.ok) {
    let code = "HTTP_" + r.status;
    let message = r.statusText;
    try {
      const body = (await r.json()) as { error?: { code: string; message: string } };
      if (body.error) ({ code, message } = body.error);
    } catch {
      /* not JSON */
    }
    throw new ApiError(r.status, code, message);
  }
  return (await r.json()) as T;
}

export const api = {
  storylines: () => get<{ items: StorylineSummary[] }>("/api/storylines"),
  storyline: (id: string, range: { from?: string; to?: string } = {}) => get<StorylineView>(`/api/storylines/${encodeURIComponent(id)}`, range),
  article: (id: string, removed = false) => get<ArticleView>(`/api/articles/${encodeURIComponent(id)}`, { removed: removed ? 1 : undefined }),
  search: (p: { q: string; outlet?: string; from?: string; to?: string; offset?: number; limit?: number }) => get<Page<SearchHit & { matchedCopies: number }> & { q: string }>("/api/search", p),
  quotes: (p: { speaker?: string; side?: string; offset?: number; limit?: number }) => get<Page<QuoteRecord>>("/api/quotes", p),
  rejects: (p: { offset?: number; limit?: number }) => get<Page<StoredRejection>>("/api/rejects", p),
};
