-- Risk lists and the organisation's policy, each import kept with its provenance (file, sha256, as-of date).
-- A list is stored once per distinct content; the latest list of each source (by asOf, then import order)
-- is the one in effect, and older ones stay as history. Kibali's privilegeLevel is in the catalog already.
--
-- Sources: entraOps (EntraOps classification: ControlPlane, ManagementPlane, UserAccess = tier 0, 1, 2, by
-- resource, kind and name); msIdentityTools (MSIdentityTools' permission table: High, Medium, Low by kind and
-- name or name root, any resource); azureTiering (azure-tiering's tiered Graph application permissions: tier
-- 0, 1, 2 by app role id); policy (the organisation's own rules and exceptions).

CREATE TABLE riskList (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL CHECK (source IN ('entraOps', 'msIdentityTools', 'azureTiering', 'policy')),
    asOf TEXT NOT NULL CHECK (asOf GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    fileName TEXT NOT NULL,
    fileSha256 TEXT NOT NULL,
    -- sha256 over the decoded entries, rules and exceptions: the same content in another layout hashes alike.
    contentHash TEXT NOT NULL,
    entryCount INTEGER NOT NULL CHECK (entryCount >= 0),
    importedAt TEXT NOT NULL,
    UNIQUE (source, contentHash)
) STRICT;

-- One classification from a list, keyed as its source keys it: (resource, kind, permission id) when the
-- source gives ids (azure-tiering), else (resource, kind, name). Never a name alone across kinds.
CREATE TABLE riskEntry (
    listKey INTEGER NOT NULL REFERENCES riskList(id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    -- Where in the file: a JSON path or a line, for provenance.
    location TEXT NOT NULL,
    -- NULL: any resource (MSIdentityTools' table names no API).
    resourceAppId TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('delegated', 'application')),
    -- The name as the source gives it: for msIdentityTools, a full name or a name's root (the part before its first dot).
    permission TEXT,
    permissionId TEXT,
    level TEXT CHECK (level IN ('low', 'medium', 'high', 'critical')),
    tier INTEGER CHECK (tier IN (0, 1, 2)),
    -- The source's own words: EntraOps' service, MSIdentityTools' reason, azure-tiering's path type.
    category TEXT,
    -- 1 when the catalog knows a permission this entry matches; entries it does not know are kept and counted.
    inCatalog INTEGER NOT NULL CHECK (inCatalog IN (0, 1)),
    CHECK (permission IS NOT NULL OR permissionId IS NOT NULL),
    CHECK (level IS NOT NULL OR tier IS NOT NULL),
    PRIMARY KEY (listKey, position)
) STRICT, WITHOUT ROWID;

-- The policy's rules, in file order: the first rule that matches a holding and sets a level (or a tier) decides it.
CREATE TABLE riskPolicyRule (
    listKey INTEGER NOT NULL REFERENCES riskList(id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    -- A pattern on the permission's name: * any characters, ? one; NULL matches every name.
    permission TEXT,
    kind TEXT CHECK (kind IN ('delegated', 'application')),
    resourceAppId TEXT,
    -- The client app's publisher.
    publisher TEXT CHECK (publisher IN ('microsoft', 'thisTenant', 'thirdParty')),
    level TEXT CHECK (level IN ('low', 'medium', 'high', 'critical')),
    tier INTEGER CHECK (tier IN (0, 1, 2)),
    reason TEXT,
    CHECK (level IS NOT NULL OR tier IS NOT NULL),
    PRIMARY KEY (listKey, position)
) STRICT, WITHOUT ROWID;

-- The policy's exceptions: an app may hold a permission until the expiry date (inclusive), for a reason, with an owner.
CREATE TABLE riskException (
    listKey INTEGER NOT NULL REFERENCES riskList(id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    -- The client app's appId or service principal id.
    app TEXT NOT NULL CHECK (app <> ''),
    permission TEXT NOT NULL CHECK (permission <> ''),
    kind TEXT CHECK (kind IN ('delegated', 'application')),
    resourceAppId TEXT,
    reason TEXT NOT NULL CHECK (reason <> ''),
    owner TEXT NOT NULL CHECK (owner <> ''),
    expires TEXT NOT NULL CHECK (expires GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    PRIMARY KEY (listKey, position)
) STRICT, WITHOUT ROWID;

-- The list in effect for each source: the latest by as-of date, then import order.
CREATE VIEW latestRiskList AS
SELECT l.*
FROM riskList l
WHERE l.id = (SELECT l2.id FROM riskList l2 WHERE l2.source = l.source ORDER BY l2.asOf DESC, l2.id DESC LIMIT 1);

-- The entries of the lists in effect, with their source and date.
CREATE VIEW currentRiskEntry AS
SELECT l.source, l.asOf, l.fileName, e.location, e.resourceAppId, e.kind, e.permission, e.permissionId,
       e.level, e.tier, e.category, e.inCatalog
FROM latestRiskList l
JOIN riskEntry e ON e.listKey = l.id;

INSERT INTO schemaNote (name, summary) VALUES
    ('riskList', 'Each risk list or policy import: source (entraOps, msIdentityTools, azureTiering, policy), asOf, file and sha256.'),
    ('riskEntry', 'A classification from a risk list: (resourceAppId, kind, permission or permissionId) with level or tier, and where in the file.'),
    ('riskPolicyRule', 'The policy''s rules in file order: name pattern, kind, resource, publisher, and the level or tier they set.'),
    ('riskException', 'The policy''s exceptions: app and permission, reason, owner and expiry date (inclusive).'),
    ('latestRiskList', 'View: the risk list in effect for each source.'),
    ('currentRiskEntry', 'View: the entries of the risk lists in effect, with source, asOf and inCatalog.');
