"""SQLite schema migrations (FTS5 with the porter stemmer over article text and quotes)."""

from __future__ import annotations

from storyline.store.migrations import Migration

_TOKENIZE = "tokenize='porter unicode61 remove_diacritics 2'"

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "articles, analyses, quotes, stories, full-text search",
        (
            """CREATE TABLE articles (
                seq INTEGER PRIMARY KEY,
                article_id TEXT NOT NULL UNIQUE,
                dedup_key TEXT NOT NULL UNIQUE,
                source TEXT NOT NULL,
                input_kind TEXT NOT NULL,
                url TEXT,
                title TEXT,
                byline TEXT,
                outlet TEXT,
                published TEXT,
                language TEXT,
                raw TEXT NOT NULL,
                text TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                removed TEXT NOT NULL,
                offset_map TEXT NOT NULL,
                notes TEXT NOT NULL,
                added_at TEXT NOT NULL
            )""",
            "CREATE INDEX articles_outlet ON articles(outlet)",
            "CREATE INDEX articles_published ON articles(published)",
            f"""CREATE VIRTUAL TABLE articles_fts USING fts5(
                title, text, content='articles', content_rowid='seq', {_TOKENIZE})""",
            """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
                INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
            END""",
            """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
                INSERT INTO articles_fts(articles_fts, rowid, title, text)
                VALUES ('delete', old.seq, old.title, old.text);
            END""",
            """CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
                INSERT INTO articles_fts(articles_fts, rowid, title, text)
                VALUES ('delete', old.seq, old.title, old.text);
                INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
            END""",
            """CREATE TABLE analyses (
                article_id TEXT PRIMARY KEY REFERENCES articles(article_id) ON DELETE CASCADE,
                pipeline_version TEXT NOT NULL,
                entities TEXT NOT NULL,
                figures TEXT NOT NULL,
                timexes TEXT NOT NULL,
                events TEXT NOT NULL,
                analysed_at TEXT NOT NULL
            )""",
            """CREATE TABLE quotes (
                qid INTEGER PRIMARY KEY,
                article_id TEXT NOT NULL REFERENCES articles(article_id) ON DELETE CASCADE,
                ord INTEGER NOT NULL,
                text TEXT NOT NULL,
                start_char INTEGER NOT NULL,
                end_char INTEGER NOT NULL,
                kind TEXT NOT NULL,
                speaker TEXT,
                speaker_id TEXT,
                speaker_text TEXT,
                speaker_start INTEGER,
                speaker_end INTEGER,
                cue TEXT,
                cue_start INTEGER,
                cue_end INTEGER,
                paragraph INTEGER,
                UNIQUE (article_id, ord)
            )""",
            "CREATE INDEX quotes_speaker ON quotes(LOWER(speaker))",
            f"""CREATE VIRTUAL TABLE quotes_fts USING fts5(
                text, speaker, content='quotes', content_rowid='qid', {_TOKENIZE})""",
            """CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
                INSERT INTO quotes_fts(rowid, text, speaker) VALUES (new.qid, new.text, new.speaker);
            END""",
            """CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
                INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker)
                VALUES ('delete', old.qid, old.text, old.speaker);
            END""",
            """CREATE TRIGGER quotes_fts_update AFTER UPDATE ON quotes BEGIN
                INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker)
                VALUES ('delete', old.qid, old.text, old.speaker);
                INSERT INTO quotes_fts(rowid, text, speaker) VALUES (new.qid, new.text, new.speaker);
            END""",
            """CREATE TABLE stories (
                seq INTEGER PRIMARY KEY,
                story_id TEXT NOT NULL UNIQUE,
                title TEXT NOT NULL,
                first_seen TEXT,
                data TEXT NOT NULL,
                saved_at TEXT NOT NULL
            )""",
            """CREATE TABLE story_articles (
                story_id TEXT NOT NULL REFERENCES stories(story_id) ON DELETE CASCADE,
                article_id TEXT NOT NULL,
                ord INTEGER NOT NULL,
                PRIMARY KEY (story_id, article_id)
            )""",
            "CREATE INDEX story_articles_article ON story_articles(article_id)",
        ),
    ),
    Migration(
        2,
        "runs: what each analyze run did",
        (
            """CREATE TABLE runs (
                run_id INTEGER PRIMARY KEY,
                started_at TEXT NOT NULL,
                finished_at TEXT NOT NULL,
                pipeline_version TEXT NOT NULL,
                summary TEXT NOT NULL
            )""",
        ),
    ),
    Migration(
        3,
        "jobs: ingest jobs started from the web app, kept across restarts",
        (
            """CREATE TABLE jobs (
                job_id TEXT PRIMARY KEY,
                updated_at TEXT NOT NULL,
                data TEXT NOT NULL
            )""",
            "CREATE INDEX jobs_updated ON jobs(updated_at)",
        ),
    ),
    Migration(
        4,
        "copy keys (LSH bands) and the user's story decisions",
        (
            """CREATE TABLE copy_keys (
                key TEXT NOT NULL,
                article_id TEXT NOT NULL REFERENCES articles(article_id) ON DELETE CASCADE,
                PRIMARY KEY (key, article_id)
            )""",
            "CREATE INDEX copy_keys_article ON copy_keys(article_id)",
            """CREATE TABLE story_decisions (
                decision_id INTEGER PRIMARY KEY,
                made_at TEXT NOT NULL,
                kind TEXT NOT NULL,
                story_id TEXT NOT NULL,
                data TEXT NOT NULL
            )""",
        ),
    ),
    Migration(
        5,
        "story events and their mentions, GDELT-style",
        (
            """CREATE TABLE story_events (
                event_id TEXT NOT NULL,
                story_id TEXT NOT NULL,
                event_type TEXT NOT NULL,
                quad_class TEXT,
                cameo TEXT,
                modality TEXT,
                actor TEXT,
                actor_country TEXT,
                actor_sector TEXT,
                target TEXT,
                target_country TEXT,
                target_sector TEXT,
                when_value TEXT,
                when_basis TEXT NOT NULL,
                where_name TEXT,
                where_country TEXT,
                where_lat REAL,
                where_lon REAL,
                article_count INTEGER NOT NULL,
                source_count INTEGER NOT NULL,
                data TEXT NOT NULL,
                PRIMARY KEY (story_id, event_id)
            )""",
            "CREATE INDEX story_events_type ON story_events(event_type)",
            "CREATE INDEX story_events_actor_country ON story_events(actor_country)",
            """CREATE TABLE event_mentions (
                event_id TEXT NOT NULL,
                story_id TEXT NOT NULL,
                article_id TEXT NOT NULL,
                start_char INTEGER NOT NULL,
                end_char INTEGER NOT NULL,
                sentence_start INTEGER,
                sentence_end INTEGER,
                confidence REAL NOT NULL,
                copy_of TEXT,
                PRIMARY KEY (story_id, event_id, article_id, start_char)
            )""",
            "CREATE INDEX event_mentions_article ON event_mentions(article_id)",
        ),
    ),
    Migration(
        6,
        "analysis_claims: which analyze run is analysing an article, so two runs share the work",
        (
            """CREATE TABLE analysis_claims (
                article_id TEXT PRIMARY KEY REFERENCES articles(article_id) ON DELETE CASCADE,
                owner TEXT NOT NULL,
                expires_at TEXT NOT NULL
            )""",
        ),
    ),
)
