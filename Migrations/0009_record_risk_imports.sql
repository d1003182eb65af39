-- Each import of a risk list or policy is its own event, even when its content is already stored: putting an
-- older policy back makes it the one in effect again. The content stays stored once (riskList); an import
-- points at it with the date, file and time of that import.
--
-- The list in effect for each source:
--   policy: the latest import (import order), whatever its as-of date: the policy you imported last is the
--           one you mean.
--   entraOps, msIdentityTools, azureTiering: the import with the latest as-of date, then the latest import:
--           a publisher's newer list wins, and importing an older list again keeps the newer one in effect
--           (the import note says so).

CREATE TABLE riskImport (
    id INTEGER PRIMARY KEY,
    listKey INTEGER NOT NULL REFERENCES riskList(id) ON DELETE CASCADE,
    asOf TEXT NOT NULL CHECK (asOf GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    fileName TEXT NOT NULL,
    fileSha256 TEXT NOT NULL,
    importedAt TEXT NOT NULL
) STRICT;

CREATE INDEX riskImportByList ON riskImport (listKey);

-- Lists imported before this migration: one import each, in the order they were stored.
INSERT INTO riskImport (listKey, asOf, fileName, fileSha256, importedAt)
SELECT id, asOf, fileName, fileSha256, importedAt FROM riskList ORDER BY id;

DROP VIEW currentRiskEntry;
DROP VIEW latestRiskList;

-- The import in effect for each source, with its list: the content (id, contentHash, entryCount) and that
-- import's date and file. id is the list's id; importId the import's.
CREATE VIEW latestRiskList AS
SELECT l.id, l.source, i.asOf, i.fileName, i.fileSha256, l.contentHash, l.entryCount, i.importedAt, i.id AS importId
FROM riskImport i
JOIN riskList l ON l.id = i.listKey
WHERE i.id = (SELECT i2.id FROM riskImport i2 JOIN riskList l2 ON l2.id = i2.listKey
              WHERE l2.source = l.source
              ORDER BY CASE WHEN l2.source = 'policy' THEN '' ELSE i2.asOf END DESC, i2.id DESC LIMIT 1);

-- The entries of the lists in effect, with their source and date.
CREATE VIEW currentRiskEntry AS
SELECT l.source, l.asOf, l.fileName, e.location, e.resourceAppId, e.kind, e.permission, e.permissionId,
       e.level, e.tier, e.category, e.inCatalog
FROM latestRiskList l
JOIN riskEntry e ON e.listKey = l.id;

UPDATE schemaNote SET summary = 'Each distinct risk list or policy content: source (entraOps, msIdentityTools, azureTiering, policy), the asOf, file and sha256 of its first import.'
WHERE name = 'riskList';
UPDATE schemaNote SET summary = 'View: the risk list in effect for each source: the policy imported last; for the other sources the latest asOf, then the latest import.'
WHERE name = 'latestRiskList';
INSERT INTO schemaNote (name, summary) VALUES
    ('riskImport', 'Each import of a risk list or policy, in order, pointing at its stored content (listKey), with that import''s asOf, file and sha256.');
