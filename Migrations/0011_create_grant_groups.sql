-- Each tenant snapshot's delegated grants grouped by client, resource, consent type and scope string, with
-- the number of users: what report, diff and show read instead of the grants. Graph keeps one grant per
-- client, user and resource, so a million grants make about 90,000 groups (one or two scope strings per
-- app); grouping them once, at import, saves every later command the seconds it takes.
-- Each tenant import fills it for its new snapshot; here it is filled for the snapshots already stored.
-- The permissionHolding view still reads the grants themselves: `permaudit check` compares the two.
CREATE TABLE grantGroup (
    snapshotKey INTEGER NOT NULL REFERENCES tenantSnapshot(id) ON DELETE CASCADE,
    clientId TEXT NOT NULL,
    resourceId TEXT NOT NULL,
    consentType TEXT NOT NULL CHECK (consentType IN ('AllPrincipals', 'Principal')),
    scopeSetKey INTEGER NOT NULL REFERENCES scopeSet(scopeSetKey),
    -- Distinct principalIds: the users of Principal grants, 0 for AllPrincipals.
    principalCount INTEGER NOT NULL,
    PRIMARY KEY (snapshotKey, clientId, resourceId, consentType, scopeSetKey)
) STRICT, WITHOUT ROWID;

INSERT INTO grantGroup (snapshotKey, clientId, resourceId, consentType, scopeSetKey, principalCount)
SELECT snapshotKey, clientId, resourceId, consentType, scopeSetKey, count(DISTINCT principalId)
FROM oauth2PermissionGrantAt
GROUP BY snapshotKey, clientId, resourceId, consentType, scopeSetKey;

INSERT INTO schemaNote (name, summary) VALUES
    ('grantGroup', 'Each snapshot''s delegated grants grouped by (client, resource, consentType, scope set), with principalCount.');
