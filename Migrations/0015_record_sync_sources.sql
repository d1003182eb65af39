-- `permaudit sync catalog` and the liveness of sync runs.

-- The last answer of each public catalog source: its validators for a conditional request (an unchanged
-- source answers 304 and costs one small request), and the sha256 of the body last imported, so that a
-- source answering 200 with the same bytes makes no new snapshot either.
CREATE TABLE catalogFetch (
    source TEXT NOT NULL,
    url TEXT NOT NULL,
    etag TEXT,
    lastModified TEXT,
    bodySha256 TEXT NOT NULL,
    -- When the source was last asked, and last found changed (YYYY-MM-DDTHH:MM:SSZ).
    checkedAt TEXT NOT NULL,
    changedAt TEXT NOT NULL,
    PRIMARY KEY (source, url)
) STRICT;

-- The process running a sync, so that `sync status` can tell a run killed mid-way (kill -9, a crash, a
-- reboot) from one still running: a run whose process is gone is interrupted, and `--resume` continues it.
ALTER TABLE syncRun ADD COLUMN pid INTEGER;
ALTER TABLE syncRun ADD COLUMN host TEXT;

INSERT INTO schemaNote (name, summary) VALUES
    ('catalogFetch', 'Each public catalog source permaudit sync catalog reads: its ETag and Last-Modified, and the sha256 of the body last imported.');
