-- Each tenant's latest snapshot's holdings, packed in one blob: what the report reads for a tenant's latest
-- snapshot instead of joining every open holding run to its holding.
--
-- Why: when users consent to scopes one by one, a tenant of a million grants has 1.7 million holdings, and
-- stepping that join took 0.6 to 0.8 s of the report's 1.2 to 1.4 s; a C program stepping the same query
-- with the system SQLite took as long (one B-tree seek and one row per holding). The blob is read in
-- milliseconds.
--
-- It is derived data (HoldingImage): the import writes it whenever a snapshot becomes the tenant's latest,
-- from the holdings it has just counted or from the previous image and the changes; `day` is that
-- snapshot's day number, and an image whose day is not the snapshot's is not read. `check` compares every
-- image with the open runs. A tenant without one (a database made before this migration) is read from its
-- runs, and gets one at its next import.
CREATE TABLE latestHoldingImage (
    tenantKey INTEGER PRIMARY KEY REFERENCES tenant (tenantKey),
    day INTEGER NOT NULL,
    holdingCount INTEGER NOT NULL CHECK (holdingCount >= 0),
    holdings BLOB NOT NULL
) STRICT;

INSERT INTO schemaNote (name, summary) VALUES
    ('latestHoldingImage', 'Derived data: the holdings of each tenant''s latest snapshot, packed; the report reads them.');
