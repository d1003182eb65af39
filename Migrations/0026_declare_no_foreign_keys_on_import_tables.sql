-- The tables an import writes a row of for every grant, holding or user declare no foreign keys any more,
-- as oauth2PermissionGrantVersion (0025) never did: SQLite looks up the parent row of each reference on every
-- insert. Measured in the sqlite3 shell on a realistic million-grant database: the runs of a million grant
-- versions took 1.19 s to insert with their one reference (to tenant) and 0.57 s without; the 519,000
-- holdings, with three, 2.27 and 1.85 s. The whole import of that export went from 29.5 to 27.3 s. The import
-- makes each key from the row it names, and `permaudit check` ("tenant keys") verifies that every key names
-- a stored row, of the same tenant where the row has one.
--
-- SQLite cannot drop a constraint: each table is rebuilt as it was, without its REFERENCES, with its rows,
-- keys and indexes. Views name these tables: renamed the legacy way, the new table takes the old one's name
-- without SQLite checking the views against a schema in which that name is missing for a moment.

PRAGMA legacy_alter_table = ON;

CREATE TABLE rebuiltHolding (
    holdingKey INTEGER PRIMARY KEY,
    clientKey INTEGER NOT NULL,
    resourceKey INTEGER NOT NULL,
    permissionKey INTEGER NOT NULL,
    consentType TEXT NOT NULL CHECK (consentType = 'AllPrincipals' OR consentType = 'Principal' OR consentType = 'Application'),
    principalCount INTEGER NOT NULL CHECK (principalCount >= 0),
    UNIQUE (resourceKey, permissionKey, clientKey, consentType, principalCount)
) STRICT;
INSERT INTO rebuiltHolding SELECT holdingKey, clientKey, resourceKey, permissionKey, consentType, principalCount FROM holding ORDER BY holdingKey;
DROP TABLE holding;
ALTER TABLE rebuiltHolding RENAME TO holding;

CREATE TABLE rebuiltHoldingRun (
    holdingKey INTEGER NOT NULL,
    tenantKey INTEGER NOT NULL,
    firstDay INTEGER NOT NULL,
    lastDay INTEGER NOT NULL CHECK (lastDay >= firstDay),
    PRIMARY KEY (holdingKey, firstDay)
) STRICT, WITHOUT ROWID;
INSERT INTO rebuiltHoldingRun SELECT holdingKey, tenantKey, firstDay, lastDay FROM holdingRun ORDER BY holdingKey, firstDay;
DROP TABLE holdingRun;
ALTER TABLE rebuiltHoldingRun RENAME TO holdingRun;
CREATE INDEX holdingRunByLastDay ON holdingRun(tenantKey, lastDay, firstDay);

CREATE TABLE rebuiltServicePrincipalRun (
    versionKey INTEGER NOT NULL,
    tenantKey INTEGER NOT NULL,
    firstDay INTEGER NOT NULL,
    lastDay INTEGER NOT NULL CHECK (lastDay >= firstDay),
    PRIMARY KEY (versionKey, firstDay)
) STRICT, WITHOUT ROWID;
INSERT INTO rebuiltServicePrincipalRun SELECT versionKey, tenantKey, firstDay, lastDay FROM servicePrincipalRun ORDER BY versionKey, firstDay;
DROP TABLE servicePrincipalRun;
ALTER TABLE rebuiltServicePrincipalRun RENAME TO servicePrincipalRun;
CREATE INDEX servicePrincipalRunByLastDay ON servicePrincipalRun(tenantKey, lastDay);

CREATE TABLE rebuiltOauth2PermissionGrantRun (
    versionKey INTEGER NOT NULL,
    tenantKey INTEGER NOT NULL,
    firstDay INTEGER NOT NULL,
    lastDay INTEGER NOT NULL CHECK (lastDay >= firstDay),
    PRIMARY KEY (versionKey, firstDay)
) STRICT, WITHOUT ROWID;
INSERT INTO rebuiltOauth2PermissionGrantRun SELECT versionKey, tenantKey, firstDay, lastDay FROM oauth2PermissionGrantRun ORDER BY versionKey, firstDay;
DROP TABLE oauth2PermissionGrantRun;
ALTER TABLE rebuiltOauth2PermissionGrantRun RENAME TO oauth2PermissionGrantRun;
CREATE INDEX oauth2PermissionGrantRunByLastDay ON oauth2PermissionGrantRun(tenantKey, lastDay);

CREATE TABLE rebuiltAppRoleAssignmentRun (
    versionKey INTEGER NOT NULL,
    tenantKey INTEGER NOT NULL,
    firstDay INTEGER NOT NULL,
    lastDay INTEGER NOT NULL CHECK (lastDay >= firstDay),
    PRIMARY KEY (versionKey, firstDay)
) STRICT, WITHOUT ROWID;
INSERT INTO rebuiltAppRoleAssignmentRun SELECT versionKey, tenantKey, firstDay, lastDay FROM appRoleAssignmentRun ORDER BY versionKey, firstDay;
DROP TABLE appRoleAssignmentRun;
ALTER TABLE rebuiltAppRoleAssignmentRun RENAME TO appRoleAssignmentRun;
CREATE INDEX appRoleAssignmentRunByLastDay ON appRoleAssignmentRun(tenantKey, lastDay);

CREATE TABLE rebuiltTenantUser (
    userKey INTEGER PRIMARY KEY,
    tenantKey INTEGER NOT NULL,
    id TEXT NOT NULL,
    UNIQUE (tenantKey, id)
) STRICT;
INSERT INTO rebuiltTenantUser SELECT userKey, tenantKey, id FROM tenantUser ORDER BY userKey;
DROP TABLE tenantUser;
ALTER TABLE rebuiltTenantUser RENAME TO tenantUser;

CREATE TABLE rebuiltScopeSetValue (
    scopeSetKey INTEGER NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (scopeSetKey, value)
) STRICT, WITHOUT ROWID;
INSERT INTO rebuiltScopeSetValue SELECT scopeSetKey, value FROM scopeSetValue ORDER BY scopeSetKey, value;
DROP TABLE scopeSetValue;
ALTER TABLE rebuiltScopeSetValue RENAME TO scopeSetValue;

PRAGMA legacy_alter_table = OFF;
