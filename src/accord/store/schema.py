"""Schema and migrations. Each migration is a list of SQL statements; the store runs
every migration newer than the file's recorded version, in one transaction each."""

MIGRATIONS: list[list[str]] = [
    # 1: documents, text structure, provenance
    [
        """CREATE TABLE IF NOT EXISTS documents (
            id VARCHAR PRIMARY KEY, path VARCHAR, format VARCHAR, kind VARCHAR,
            title VARCHAR, date DATE, date_raw VARCHAR, url VARCHAR, publisher VARCHAR,
            people VARCHAR[], meta JSON, raw BLOB, text VARCHAR, warnings VARCHAR[],
            n_sentences INTEGER, ingested_at TIMESTAMP DEFAULT current_timestamp)""",
        "CREATE TABLE IF NOT EXISTS doc_paths (path VARCHAR PRIMARY KEY, doc_id VARCHAR)",
        """CREATE TABLE IF NOT EXISTS sections (doc_id VARCHAR, idx INTEGER, title VARCHAR,
            start_char INTEGER, end_char INTEGER, PRIMARY KEY (doc_id, idx))""",
        """CREATE TABLE IF NOT EXISTS sentences (doc_id VARCHAR, idx INTEGER, section_idx INTEGER,
            role VARCHAR, item_of INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
            PRIMARY KEY (doc_id, idx))""",
        """CREATE TABLE IF NOT EXISTS repairs (doc_id VARCHAR, idx INTEGER, kind VARCHAR,
            start_char INTEGER, end_char INTEGER, before VARCHAR, after VARCHAR)""",
        """CREATE TABLE IF NOT EXISTS rejections (path VARCHAR, reason VARCHAR,
            rejected_at TIMESTAMP DEFAULT current_timestamp)""",
    ],
    # 2: actors and acts, and which pipeline version processed each document
    [
        """CREATE TABLE IF NOT EXISTS mentions (doc_id VARCHAR, idx INTEGER, sentence_idx INTEGER,
            start_char INTEGER, end_char INTEGER, text VARCHAR, code VARCHAR, sector VARCHAR,
            kind VARCHAR, person VARCHAR, reason VARCHAR)""",
        """CREATE TABLE IF NOT EXISTS acts (id VARCHAR PRIMARY KEY, doc_id VARCHAR, idx INTEGER,
            sentence_idx INTEGER, date DATE, act VARCHAR, source VARCHAR[], target VARCHAR[],
            source_sectors VARCHAR[], target_sectors VARCHAR[], trigger VARCHAR, negated BOOLEAN,
            when_text VARCHAR, when_start DATE, when_end DATE, intensity VARCHAR,
            trigger_start INTEGER, trigger_end INTEGER, span_start INTEGER, span_end INTEGER,
            sentence VARCHAR, plover_event VARCHAR, plover_mode VARCHAR, plover_context VARCHAR[],
            cameo VARCHAR)""",
        """CREATE TABLE IF NOT EXISTS processed (doc_id VARCHAR PRIMARY KEY, pipeline_version VARCHAR,
            parties VARCHAR[], n_mentions INTEGER, n_acts INTEGER, processed_at TIMESTAMP DEFAULT current_timestamp)""",
        "CREATE INDEX IF NOT EXISTS acts_doc ON acts (doc_id)",
    ],
    # 3: the commitments ledger (accord.commitments): one row per commitment made in a document,
    # and its events: the act(s) that made it, and later acts that restate, advance, fulfil or reverse it
    [
        """CREATE TABLE IF NOT EXISTS commitments (id VARCHAR PRIMARY KEY, doc_id VARCHAR, act_id VARCHAR,
            act_ids VARCHAR[], sentence_idx INTEGER, span_start INTEGER, span_end INTEGER, date DATE, act VARCHAR,
            parties VARCHAR[], counterpart VARCHAR[], trigger VARCHAR, matter VARCHAR, terms VARCHAR[],
            firmness VARCHAR, deadline_text VARCHAR, deadline_start DATE, deadline_end DATE, deadline_problem VARCHAR,
            sentence VARCHAR, built_at TIMESTAMP DEFAULT current_timestamp)""",
        """CREATE TABLE IF NOT EXISTS commitment_events (commitment_id VARCHAR, act_id VARCHAR, doc_id VARCHAR,
            sentence_idx INTEGER, span_start INTEGER, span_end INTEGER, date DATE, kind VARCHAR, act VARCHAR,
            source VARCHAR[], target VARCHAR[], trigger VARCHAR, score DOUBLE, shared_terms VARCHAR[], sentence VARCHAR)""",
        "CREATE INDEX IF NOT EXISTS commitments_doc ON commitments (doc_id)",
        "CREATE INDEX IF NOT EXISTS commitment_events_cm ON commitment_events (commitment_id)",
    ],
    # 4: comparisons of news reports with the official text they cover (accord.compare), made
    # by `accord compare --store`; IF NOT EXISTS: stores of earlier versions created them on first use
    [
        """CREATE TABLE IF NOT EXISTS comparisons (id VARCHAR PRIMARY KEY, news_id VARCHAR, source_id VARCHAR,
            n_news INTEGER, n_source INTEGER, n_supported INTEGER, n_strength_changed INTEGER, n_added INTEGER,
            n_contradicted INTEGER, n_covered INTEGER, n_omitted INTEGER, summary JSON, params JSON,
            seconds DOUBLE, created_at TIMESTAMP DEFAULT current_timestamp)""",
        """CREATE TABLE IF NOT EXISTS comparison_items (comparison_id VARCHAR, side VARCHAR, idx INTEGER,
            role VARCHAR, label VARCHAR, direction VARCHAR, score DOUBLE, evidence INTEGER[], evidence_scores DOUBLE[],
            shared VARCHAR[], new_facts VARCHAR[], changes VARCHAR[], reason VARCHAR, text VARCHAR)""",
        "CREATE INDEX IF NOT EXISTS comparison_items_cmp ON comparison_items (comparison_id)",
    ],
    # 5: document warnings as typed records (models.DocWarning): kind, stage, message, offsets.
    # documents.warnings keeps the messages (what readers of schema 4 show); the warnings of
    # documents stored before this migration are copied, their kind told from the message
    # they were written with (the texts of earlier versions; NULL when none fits)
    [
        """CREATE TABLE IF NOT EXISTS doc_warnings (doc_id VARCHAR, idx INTEGER, kind VARCHAR, stage VARCHAR,
            message VARCHAR, start_char INTEGER, end_char INTEGER)""",
        """INSERT INTO doc_warnings (doc_id, idx, kind, stage, message)
            SELECT id, idx, kind, CASE WHEN kind = 'no_text_after_repair' THEN 'text' WHEN kind IS NULL THEN NULL
                                  ELSE 'ingest' END, message
            FROM (SELECT id, idx - 1 AS idx, message, CASE
                    WHEN message LIKE 'not UTF-8;%' THEN 'not_utf8'
                    WHEN message LIKE 'front matter opened%' THEN 'front_matter_unclosed'
                    WHEN message LIKE 'front matter is not valid YAML%' THEN 'front_matter_invalid'
                    WHEN message LIKE 'no date in metadata;%' THEN 'date_from_text'
                    WHEN message LIKE 'no date%' THEN 'no_date'
                    WHEN message LIKE 'field ''date'' is %, not a date; dropped' THEN 'field_dropped'
                    WHEN message LIKE 'date %' THEN 'bad_date'
                    WHEN message LIKE '%invalid characters (lone UTF-16 surrogates)%' THEN 'invalid_characters'
                    WHEN message LIKE 'field % characters long, over %; cut' THEN 'field_cut'
                    WHEN message LIKE 'field %' THEN 'field_dropped'
                    WHEN message LIKE 'metadata %' THEN 'metadata_dropped'
                    WHEN message LIKE 'no text left after repair%' THEN 'no_text_after_repair'
                  END AS kind
                  FROM (SELECT id, unnest(warnings) AS message, generate_subscripts(warnings, 1) AS idx
                        FROM documents WHERE len(warnings) > 0)
                  WHERE id NOT IN (SELECT doc_id FROM doc_warnings))""",
    ],
]
