// Numbered SQLite migrations: append, never edit a released one. The index + 1 is the schema version.

export const MIGRATIONS: string[] = [
  // 1: articles, inputs, rejections, full-text search
  `
  CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    source_id TEXT NOT NULL,
    origin TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    title TEXT,
    byline TEXT,
    published_date TEXT,
    published_precision TEXT,
    published_json TEXT,
    dateline TEXT,
    language TEXT,
    text TEXT NOT NULL,
    paragraphs_json TEXT NOT NULL,
    removed_json TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    words INTEGER NOT NULL
  );
  CREATE INDEX articles_date ON articles (published_date);
  CREATE INDEX articles_outlet ON articles (outlet COLLATE NOCASE);

  CREATE TABLE inputs (
    hash TEXT PRIMARY KEY,
    article_id TEXT,
    rejected INTEGER NOT NULL DEFAULT 0,
    origin TEXT NOT NULL,
    at TEXT NOT NULL
  );

  CREATE TABLE rejections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    origin TEXT NOT NULL,
    code TEXT NOT NULL,
    reason TEXT NOT NULL,
    input_hash TEXT,
    at TEXT NOT NULL
  );

  CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2');
  CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
  END;
  CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
  END;
  CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
  END;
  `,
  // 2: annotations, quotes, entities
  `
  CREATE TABLE annotations (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    version TEXT NOT NULL,
    json TEXT NOT NULL
  );
  CREATE TABLE quotes (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL, end INTEGER NOT NULL,
    direct INTEGER NOT NULL,
    cue_start INTEGER, cue_end INTEGER,
    src_start INTEGER, src_end INTEGER,
    speaker TEXT, speaker_entity TEXT, side TEXT,
    text TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
  );
  CREATE INDEX quotes_speaker ON quotes (speaker_entity);
  CREATE INDEX quotes_side ON quotes (side COLLATE NOCASE);
  CREATE TABLE entities (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    side TEXT,
    roles_json TEXT NOT NULL,
    aliases_json TEXT NOT NULL
  );
  CREATE TABLE entity_mentions (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    entity_key TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, entity_key)
  );
  CREATE INDEX entity_mentions_key ON entity_mentions (entity_key);
  `,
  // 3: copies (signatures, LSH bands, groups), stories, stage state
  `
  CREATE TABLE signatures (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    sig BLOB NOT NULL
  );
  CREATE TABLE lsh (
    band_key TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (band_key, article_id)
  ) WITHOUT ROWID;
  CREATE INDEX lsh_article ON lsh (article_id);
  CREATE TABLE copies (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    group_id TEXT NOT NULL,
    original INTEGER NOT NULL,
    kind TEXT,
    similarity REAL NOT NULL
  );
  CREATE INDEX copies_group ON copies (group_id);
  CREATE TABLE stories (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    story_id TEXT NOT NULL,
    storyline_id TEXT
  );
  CREATE INDEX stories_story ON stories (story_id);
  CREATE INDEX stories_storyline ON stories (storyline_id);
  CREATE TABLE state (
    name TEXT PRIMARY KEY,
    json TEXT NOT NULL
  );
  `,
  // 4: what copy grouping needs besides the fingerprint (date, outlet, wire credit)
  `ALTER TABLE signatures ADD COLUMN meta_json TEXT;`,
  // 5: the article list's order as an index (newest first, undated last): paging stays O(page) at 100k+
  `CREATE INDEX articles_order ON articles ((published_date IS NULL), published_date DESC, ingested_at DESC, id);`,
  // 6: copy candidates from the store instead of an in-memory index. Signatures get a stable number (seq, the
  // article's number in the lsh table); lsh rows become (int32 key, seq) pairs, ~13 bytes instead of ~75 (base-36
  // text key + 64-hex id) plus an index on article_id; copy_pending lists the signatures not yet grouped (a
  // separate table, so grouping never rewrites a signature row); copy_links keeps the relations found. Existing
  // signatures come back pending: the copy stage files their band keys and rebuilds their links and groups once,
  // in storage order (what every start-up used to do in memory).
  `
  CREATE TABLE signatures_v6 (
    seq INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE REFERENCES articles (id) ON DELETE CASCADE,
    sig BLOB NOT NULL,
    meta_json TEXT
  );
  INSERT INTO signatures_v6 (seq, article_id, sig, meta_json) SELECT rowid, article_id, sig, meta_json FROM signatures ORDER BY rowid;
  DROP TABLE signatures;
  ALTER TABLE signatures_v6 RENAME TO signatures;
  CREATE TABLE copy_pending (seq INTEGER PRIMARY KEY);
  INSERT INTO copy_pending (seq) SELECT seq FROM signatures;
  DROP TABLE lsh;
  CREATE TABLE lsh (
    band_key INTEGER NOT NULL,
    doc INTEGER NOT NULL,
    PRIMARY KEY (band_key, doc)
  ) WITHOUT ROWID;
  CREATE TABLE copy_links (
    a TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    b TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    similarity REAL NOT NULL,
    PRIMARY KEY (a, b)
  ) WITHOUT ROWID;
  CREATE INDEX copy_links_b ON copy_links (b);
  `,
  // 7: the side each article gives an entity, so a person's side is what most articles say
  `ALTER TABLE entity_mentions ADD COLUMN side TEXT;`,
];
