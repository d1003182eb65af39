-- Grants keyed by interned ids. A grant version stored its tenant's id, its client's, resource's and user's
-- ids as text and its content hash as 64 hexadecimal digits: 285 bytes a row, 285 of the 515 MB of a
-- realistic million-grant database, and the most bytes an import writes. Now:
--
-- - oauth2PermissionGrantVersion keeps the tenant as its tenantKey, the client and resource as tenantObject
--   keys, the user as a key of the new tenantUser table (NULL for an AllPrincipals grant, which is how its
--   consent type is told: the old CHECK made the two agree), and the SHA-256 content hash as four signed
--   64-bit words, the first 16 digits the first word;
-- - oauth2PermissionGrant is a view with the old table's columns and values, for admins' SQL and the views
--   over it (oauth2PermissionGrantAt, permissionHolding, delegatedGrantScope).
--
-- Only lowercase digits were ever stored (the import writes them), so each digit is its place in
-- '0123456789abcdef'. SQLite gives << and | one precedence: every shifted digit is in parentheses.

CREATE TABLE tenantUser (
    userKey INTEGER PRIMARY KEY,
    tenantKey INTEGER NOT NULL REFERENCES tenant(tenantKey),
    id TEXT NOT NULL,
    UNIQUE (tenantKey, id)
) STRICT;

INSERT INTO tenant (tenantId)
SELECT DISTINCT tenantId FROM oauth2PermissionGrant WHERE tenantId NOT IN (SELECT tenantId FROM tenant) ORDER BY 1;

INSERT OR IGNORE INTO tenantObject (tenantId, id)
SELECT tenantId, clientId FROM oauth2PermissionGrant
UNION SELECT tenantId, resourceId FROM oauth2PermissionGrant
ORDER BY 1, 2;

INSERT INTO tenantUser (tenantKey, id)
SELECT DISTINCT t.tenantKey, g.principalId
FROM oauth2PermissionGrant g JOIN tenant t ON t.tenantId = g.tenantId
WHERE g.principalId IS NOT NULL
ORDER BY 1, 2;

-- Its keys declare no REFERENCES: SQLite looks up the parent row of every foreign key on every insert, and
-- five lookups a row took a million-grant insert from 2.6 to 9.4 seconds (measured in the sqlite3 shell).
-- The import makes each key from the row it names; `permaudit check` verifies that every key names a stored
-- row of the grant's own tenant.
CREATE TABLE oauth2PermissionGrantVersion (
    versionKey INTEGER PRIMARY KEY,
    tenantKey INTEGER NOT NULL,
    id TEXT NOT NULL,
    clientKey INTEGER NOT NULL,
    principalKey INTEGER,
    resourceKey INTEGER NOT NULL,
    scopeSetKey INTEGER NOT NULL,
    digest0 INTEGER NOT NULL,
    digest1 INTEGER NOT NULL,
    digest2 INTEGER NOT NULL,
    digest3 INTEGER NOT NULL
) STRICT;

INSERT INTO oauth2PermissionGrantVersion
SELECT versionKey, tenantKey, id, clientKey, principalKey, resourceKey, scopeSetKey,
       ((instr('0123456789abcdef', substr(h, 1, 1)) - 1) << 60) |
           ((instr('0123456789abcdef', substr(h, 2, 1)) - 1) << 56) |
           ((instr('0123456789abcdef', substr(h, 3, 1)) - 1) << 52) |
           ((instr('0123456789abcdef', substr(h, 4, 1)) - 1) << 48) |
           ((instr('0123456789abcdef', substr(h, 5, 1)) - 1) << 44) |
           ((instr('0123456789abcdef', substr(h, 6, 1)) - 1) << 40) |
           ((instr('0123456789abcdef', substr(h, 7, 1)) - 1) << 36) |
           ((instr('0123456789abcdef', substr(h, 8, 1)) - 1) << 32) |
           ((instr('0123456789abcdef', substr(h, 9, 1)) - 1) << 28) |
           ((instr('0123456789abcdef', substr(h, 10, 1)) - 1) << 24) |
           ((instr('0123456789abcdef', substr(h, 11, 1)) - 1) << 20) |
           ((instr('0123456789abcdef', substr(h, 12, 1)) - 1) << 16) |
           ((instr('0123456789abcdef', substr(h, 13, 1)) - 1) << 12) |
           ((instr('0123456789abcdef', substr(h, 14, 1)) - 1) << 8) |
           ((instr('0123456789abcdef', substr(h, 15, 1)) - 1) << 4) |
           (instr('0123456789abcdef', substr(h, 16, 1)) - 1) AS digest0,
       ((instr('0123456789abcdef', substr(h, 17, 1)) - 1) << 60) |
           ((instr('0123456789abcdef', substr(h, 18, 1)) - 1) << 56) |
           ((instr('0123456789abcdef', substr(h, 19, 1)) - 1) << 52) |
           ((instr('0123456789abcdef', substr(h, 20, 1)) - 1) << 48) |
           ((instr('0123456789abcdef', substr(h, 21, 1)) - 1) << 44) |
           ((instr('0123456789abcdef', substr(h, 22, 1)) - 1) << 40) |
           ((instr('0123456789abcdef', substr(h, 23, 1)) - 1) << 36) |
           ((instr('0123456789abcdef', substr(h, 24, 1)) - 1) << 32) |
           ((instr('0123456789abcdef', substr(h, 25, 1)) - 1) << 28) |
           ((instr('0123456789abcdef', substr(h, 26, 1)) - 1) << 24) |
           ((instr('0123456789abcdef', substr(h, 27, 1)) - 1) << 20) |
           ((instr('0123456789abcdef', substr(h, 28, 1)) - 1) << 16) |
           ((instr('0123456789abcdef', substr(h, 29, 1)) - 1) << 12) |
           ((instr('0123456789abcdef', substr(h, 30, 1)) - 1) << 8) |
           ((instr('0123456789abcdef', substr(h, 31, 1)) - 1) << 4) |
           (instr('0123456789abcdef', substr(h, 32, 1)) - 1) AS digest1,
       ((instr('0123456789abcdef', substr(h, 33, 1)) - 1) << 60) |
           ((instr('0123456789abcdef', substr(h, 34, 1)) - 1) << 56) |
           ((instr('0123456789abcdef', substr(h, 35, 1)) - 1) << 52) |
           ((instr('0123456789abcdef', substr(h, 36, 1)) - 1) << 48) |
           ((instr('0123456789abcdef', substr(h, 37, 1)) - 1) << 44) |
           ((instr('0123456789abcdef', substr(h, 38, 1)) - 1) << 40) |
           ((instr('0123456789abcdef', substr(h, 39, 1)) - 1) << 36) |
           ((instr('0123456789abcdef', substr(h, 40, 1)) - 1) << 32) |
           ((instr('0123456789abcdef', substr(h, 41, 1)) - 1) << 28) |
           ((instr('0123456789abcdef', substr(h, 42, 1)) - 1) << 24) |
           ((instr('0123456789abcdef', substr(h, 43, 1)) - 1) << 20) |
           ((instr('0123456789abcdef', substr(h, 44, 1)) - 1) << 16) |
           ((instr('0123456789abcdef', substr(h, 45, 1)) - 1) << 12) |
           ((instr('0123456789abcdef', substr(h, 46, 1)) - 1) << 8) |
           ((instr('0123456789abcdef', substr(h, 47, 1)) - 1) << 4) |
           (instr('0123456789abcdef', substr(h, 48, 1)) - 1) AS digest2,
       ((instr('0123456789abcdef', substr(h, 49, 1)) - 1) << 60) |
           ((instr('0123456789abcdef', substr(h, 50, 1)) - 1) << 56) |
           ((instr('0123456789abcdef', substr(h, 51, 1)) - 1) << 52) |
           ((instr('0123456789abcdef', substr(h, 52, 1)) - 1) << 48) |
           ((instr('0123456789abcdef', substr(h, 53, 1)) - 1) << 44) |
           ((instr('0123456789abcdef', substr(h, 54, 1)) - 1) << 40) |
           ((instr('0123456789abcdef', substr(h, 55, 1)) - 1) << 36) |
           ((instr('0123456789abcdef', substr(h, 56, 1)) - 1) << 32) |
           ((instr('0123456789abcdef', substr(h, 57, 1)) - 1) << 28) |
           ((instr('0123456789abcdef', substr(h, 58, 1)) - 1) << 24) |
           ((instr('0123456789abcdef', substr(h, 59, 1)) - 1) << 20) |
           ((instr('0123456789abcdef', substr(h, 60, 1)) - 1) << 16) |
           ((instr('0123456789abcdef', substr(h, 61, 1)) - 1) << 12) |
           ((instr('0123456789abcdef', substr(h, 62, 1)) - 1) << 8) |
           ((instr('0123456789abcdef', substr(h, 63, 1)) - 1) << 4) |
           (instr('0123456789abcdef', substr(h, 64, 1)) - 1) AS digest3
FROM (SELECT g.versionKey, t.tenantKey, g.id, c.objectKey AS clientKey, u.userKey AS principalKey, r.objectKey AS resourceKey,
             g.scopeSetKey, g.contentHash AS h
      FROM oauth2PermissionGrant g
      JOIN tenant t ON t.tenantId = g.tenantId
      JOIN tenantObject c ON c.tenantId = g.tenantId AND c.id = g.clientId
      JOIN tenantObject r ON r.tenantId = g.tenantId AND r.id = g.resourceId
      LEFT JOIN tenantUser u ON u.tenantKey = t.tenantKey AND u.id = g.principalId)
ORDER BY versionKey;

DROP TABLE oauth2PermissionGrant;

CREATE VIEW oauth2PermissionGrant AS
SELECT g.versionKey, t.tenantId, g.id, c.id AS clientId,
       CASE WHEN g.principalKey IS NULL THEN 'AllPrincipals' ELSE 'Principal' END AS consentType,
       u.id AS principalId, r.id AS resourceId, g.scopeSetKey,
       printf('%016x%016x%016x%016x', g.digest0, g.digest1, g.digest2, g.digest3) AS contentHash
FROM oauth2PermissionGrantVersion g
JOIN tenant t ON t.tenantKey = g.tenantKey
JOIN tenantObject c ON c.objectKey = g.clientKey
JOIN tenantObject r ON r.objectKey = g.resourceKey
LEFT JOIN tenantUser u ON u.userKey = g.principalKey;

UPDATE schemaNote
SET summary = 'View over oauth2PermissionGrantVersion: delegated permission grant versions with their ids as Graph returns them (scopeSetKey for the scope string, contentHash as 64 hexadecimal digits).'
WHERE name = 'oauth2PermissionGrant';

INSERT INTO schemaNote (name, summary) VALUES
    ('oauth2PermissionGrantVersion', 'Delegated permission grant versions as stored: tenantKey, clientKey and resourceKey (tenantObject), principalKey (tenantUser; NULL for AllPrincipals), scopeSetKey, and the SHA-256 content hash as four signed 64-bit words (digest0 first).'),
    ('tenantUser', 'Each user id a tenant''s grants name, once per tenant, with the userKey grant versions store.');

UPDATE schemaNote
SET summary = 'Integer keys of the tenant objects grants and holdings name (clients and resources), per tenant and object id.'
WHERE name = 'tenantObject';
