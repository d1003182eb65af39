-- holding's CHECK (consentType IN ('AllPrincipals', 'Principal', 'Application')) made SQLite build a temporary
-- b-tree of the three names for every row an import inserted (an IN list of three or more constants is
-- looked up in one): 40% of the time a holding insert took, 2.5 seconds of a million-grant import. The same
-- check written as comparisons costs nothing. SQLite cannot change a CHECK constraint: the table is rebuilt
-- as 0022 made it, with its rows and keys.

CREATE TABLE rebuiltHolding (
    holdingKey INTEGER PRIMARY KEY,
    clientKey INTEGER NOT NULL REFERENCES tenantObject(objectKey),
    resourceKey INTEGER NOT NULL REFERENCES tenantObject(objectKey),
    permissionKey INTEGER NOT NULL REFERENCES heldPermission(permissionKey),
    consentType TEXT NOT NULL CHECK (consentType = 'AllPrincipals' OR consentType = 'Principal' OR consentType = 'Application'),
    principalCount INTEGER NOT NULL CHECK (principalCount >= 0),
    UNIQUE (resourceKey, permissionKey, clientKey, consentType, principalCount)
) STRICT;
INSERT INTO rebuiltHolding SELECT holdingKey, clientKey, resourceKey, permissionKey, consentType, principalCount FROM holding ORDER BY holdingKey;
DROP TABLE holding;
ALTER TABLE rebuiltHolding RENAME TO holding;
