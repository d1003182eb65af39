-- A tenant's consent state, kept as snapshots: each import of a tenant's export is one snapshot.
-- Column names follow Graph's properties (clientId, consentType, principalId, resourceId, appRoleId).

CREATE TABLE tenantSnapshot (
    id INTEGER PRIMARY KEY,
    tenantId TEXT NOT NULL CHECK (tenantId <> ''),
    asOf TEXT NOT NULL CHECK (asOf GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    -- sha256 over the export's objects, whatever their files and order: equal content, equal hash.
    contentHash TEXT NOT NULL,
    importedAt TEXT NOT NULL,
    UNIQUE (tenantId, asOf)
) STRICT;

CREATE TABLE servicePrincipal (
    snapshotKey INTEGER NOT NULL REFERENCES tenantSnapshot(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    appId TEXT,
    displayName TEXT,
    appOwnerOrganizationId TEXT,
    servicePrincipalType TEXT,
    publisherName TEXT,
    verifiedPublisherId TEXT,
    verifiedPublisherName TEXT,
    accountEnabled INTEGER CHECK (accountEnabled IN (0, 1)),
    PRIMARY KEY (snapshotKey, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX servicePrincipalByAppId ON servicePrincipal(snapshotKey, appId);

-- The delegated scopes a service principal publishes: the tenant's own view of an API's catalog.
CREATE TABLE servicePrincipalScope (
    snapshotKey INTEGER NOT NULL,
    servicePrincipalId TEXT NOT NULL,
    id TEXT NOT NULL,
    value TEXT NOT NULL,
    type TEXT CHECK (type IN ('Admin', 'User')),
    isEnabled INTEGER CHECK (isEnabled IN (0, 1)),
    adminConsentDisplayName TEXT,
    PRIMARY KEY (snapshotKey, servicePrincipalId, id),
    FOREIGN KEY (snapshotKey, servicePrincipalId) REFERENCES servicePrincipal(snapshotKey, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX servicePrincipalScopeByValue ON servicePrincipalScope(snapshotKey, servicePrincipalId, value);

-- The app roles a service principal publishes.
CREATE TABLE servicePrincipalAppRole (
    snapshotKey INTEGER NOT NULL,
    servicePrincipalId TEXT NOT NULL,
    id TEXT NOT NULL,
    value TEXT,
    allowedMemberTypes TEXT,
    isEnabled INTEGER CHECK (isEnabled IN (0, 1)),
    displayName TEXT,
    PRIMARY KEY (snapshotKey, servicePrincipalId, id),
    FOREIGN KEY (snapshotKey, servicePrincipalId) REFERENCES servicePrincipal(snapshotKey, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE TABLE oauth2PermissionGrant (
    snapshotKey INTEGER NOT NULL REFERENCES tenantSnapshot(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    clientId TEXT NOT NULL,
    consentType TEXT NOT NULL CHECK (consentType IN ('AllPrincipals', 'Principal')),
    principalId TEXT CHECK ((principalId IS NULL) = (consentType = 'AllPrincipals')),
    resourceId TEXT NOT NULL,
    scope TEXT NOT NULL,
    PRIMARY KEY (snapshotKey, id)
) STRICT, WITHOUT ROWID;

-- A grant's scope string split on white space, one row per scope.
CREATE TABLE oauth2PermissionGrantScope (
    snapshotKey INTEGER NOT NULL,
    grantId TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (snapshotKey, grantId, value),
    FOREIGN KEY (snapshotKey, grantId) REFERENCES oauth2PermissionGrant(snapshotKey, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE TABLE appRoleAssignment (
    snapshotKey INTEGER NOT NULL REFERENCES tenantSnapshot(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    appRoleId TEXT NOT NULL,
    principalId TEXT NOT NULL,
    principalType TEXT NOT NULL,
    principalDisplayName TEXT,
    resourceId TEXT NOT NULL,
    resourceDisplayName TEXT,
    createdDateTime TEXT,
    PRIMARY KEY (snapshotKey, id)
) STRICT, WITHOUT ROWID;
