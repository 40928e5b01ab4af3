"""PostgreSQL schema migrations (tsvector columns with GIN indexes for full-text search)."""

from __future__ import annotations

from storyline.store.migrations import Migration

# Text beyond this many characters is stored but not indexed (a tsvector is capped at 1 MB).
FTS_MAX_CHARS = 300_000

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "articles, analyses, quotes, stories, full-text search",
        (
            f"""CREATE TABLE articles (
                seq BIGSERIAL PRIMARY KEY,
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
                added_at TEXT NOT NULL,
                tsv tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', coalesce(title, '')), 'A')
                    || to_tsvector('english', left(text, {FTS_MAX_CHARS}))
                ) STORED
            )""",
            "CREATE INDEX articles_outlet ON articles(outlet)",
            "CREATE INDEX articles_published ON articles(published)",
            "CREATE INDEX articles_tsv ON articles USING GIN (tsv)",
            """CREATE TABLE analyses (
                article_id TEXT PRIMARY KEY REFERENCES articles(article_id) ON DELETE CASCADE,
                pipeline_version TEXT NOT NULL,
                entities TEXT NOT NULL,
                figures TEXT NOT NULL,
                timexes TEXT NOT NULL,
                events TEXT NOT NULL,
                analysed_at TEXT NOT NULL
            )""",
            f"""CREATE TABLE quotes (
                qid BIGSERIAL PRIMARY KEY,
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
                tsv tsvector GENERATED ALWAYS AS (
                    to_tsvector('english', left(text, {FTS_MAX_CHARS}) || ' ' || coalesce(speaker, ''))
                ) STORED,
                UNIQUE (article_id, ord)
            )""",
            "CREATE INDEX quotes_speaker ON quotes(LOWER(speaker))",
            "CREATE INDEX quotes_tsv ON quotes USING GIN (tsv)",
            """CREATE TABLE stories (
                seq BIGSERIAL PRIMARY KEY,
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
                run_id BIGSERIAL PRIMARY KEY,
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
                decision_id BIGSERIAL PRIMARY KEY,
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
                where_lat DOUBLE PRECISION,
                where_lon DOUBLE PRECISION,
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
                confidence DOUBLE PRECISION NOT NULL,
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
