-- Views over tenant snapshots: who holds which permission, resolved against the tenant's own resource
-- service principals first, then the catalog (service principal catalog, then Kibali).

-- The latest snapshot of each tenant.
CREATE VIEW latestTenantSnapshot AS
SELECT t.*
FROM tenantSnapshot t
WHERE t.id = (SELECT t2.id FROM tenantSnapshot t2 WHERE t2.tenantId = t.tenantId ORDER BY t2.asOf DESC, t2.id DESC LIMIT 1);

-- Each service principal with its publisher: microsoft (Microsoft's tenants or the first-party list),
-- thisTenant (owned by the tenant itself) or thirdParty.
CREATE VIEW servicePrincipalPublisher AS
SELECT sp.snapshotKey, t.tenantId, sp.id, sp.appId, sp.displayName, sp.appOwnerOrganizationId,
       sp.verifiedPublisherName, sp.verifiedPublisherId,
       CASE
           WHEN sp.appOwnerOrganizationId IN ('f8cdef31-a31e-4b4a-93e4-5f571e91255a', '72f988bf-86f1-41af-91ab-2d7cd011db47')
                OR EXISTS (SELECT 1 FROM microsoftApplication m JOIN latestCatalogSnapshot s ON s.id = m.snapshotKey
                           WHERE m.appId = sp.appId) THEN 'microsoft'
           WHEN sp.appOwnerOrganizationId = t.tenantId THEN 'thisTenant'
           ELSE 'thirdParty'
       END AS publisher
FROM servicePrincipal sp
JOIN tenantSnapshot t ON t.id = sp.snapshotKey;

-- One row per (oauth2PermissionGrant, scope): every delegated permission a grant gives, resolved.
CREATE VIEW delegatedGrantScope AS
SELECT t.tenantId, g.snapshotKey, t.asOf, g.id AS grantId, g.clientId, g.consentType, g.principalId,
       g.resourceId, r.appId AS resourceAppId, gs.value AS permission,
       coalesce(ss.id, cp.permissionId) AS permissionId,
       CASE WHEN ss.id IS NOT NULL THEN ss.type = 'Admin' ELSE cp.requiresAdminConsent END AS requiresAdminConsent,
       CASE WHEN ss.id IS NOT NULL THEN 'resourceServicePrincipal' ELSE cp.requiresAdminConsentSource END AS resolvedBy,
       cp.privilegeLevel
FROM oauth2PermissionGrant g
JOIN tenantSnapshot t ON t.id = g.snapshotKey
JOIN oauth2PermissionGrantScope gs ON gs.snapshotKey = g.snapshotKey AND gs.grantId = g.id
LEFT JOIN servicePrincipal r ON r.snapshotKey = g.snapshotKey AND r.id = g.resourceId
LEFT JOIN servicePrincipalScope ss ON ss.snapshotKey = g.snapshotKey AND ss.servicePrincipalId = g.resourceId AND ss.value = gs.value
LEFT JOIN catalogPermission cp ON cp.resourceAppId = r.appId AND cp.kind = 'delegated' AND cp.permission = gs.value;

-- One row per application permission held: appRoleAssignments to service principals, without the
-- default-access role (00000000-...), resolved to a permission name. Assignments to users and groups
-- stay in appRoleAssignment; they are not application permissions.
CREATE VIEW applicationRoleAssignment AS
SELECT t.tenantId, a.snapshotKey, t.asOf, a.id AS assignmentId, a.principalId AS clientId,
       a.resourceId, r.appId AS resourceAppId, coalesce(ar.value, cp.permission) AS permission,
       a.appRoleId AS permissionId,
       CASE WHEN ar.id IS NOT NULL OR cp.permissionKey IS NOT NULL THEN 1 END AS requiresAdminConsent,
       CASE WHEN ar.id IS NOT NULL THEN 'resourceServicePrincipal' WHEN cp.permissionKey IS NOT NULL THEN 'catalog' END AS resolvedBy,
       cp.privilegeLevel, a.createdDateTime
FROM appRoleAssignment a
JOIN tenantSnapshot t ON t.id = a.snapshotKey
LEFT JOIN servicePrincipal r ON r.snapshotKey = a.snapshotKey AND r.id = a.resourceId
LEFT JOIN servicePrincipalAppRole ar ON ar.snapshotKey = a.snapshotKey AND ar.servicePrincipalId = a.resourceId AND ar.id = a.appRoleId
LEFT JOIN catalogPermission cp ON cp.resourceAppId = r.appId AND cp.kind = 'application' AND cp.permissionId = a.appRoleId
WHERE a.principalType = 'ServicePrincipal' AND a.appRoleId <> '00000000-0000-0000-0000-000000000000';

-- One row per (tenant snapshot, client, resource, permission, kind, consentType): every holding.
CREATE VIEW permissionHolding AS
SELECT h.tenantId, h.snapshotKey, h.asOf, h.clientId, c.appId AS clientAppId, c.displayName AS clientDisplayName,
       c.publisher, c.verifiedPublisherName, h.resourceId, h.resourceAppId, r.displayName AS resourceDisplayName,
       h.permission, h.permissionId, h.kind, h.consentType, h.principalCount, h.requiresAdminConsent,
       h.resolvedBy, h.privilegeLevel
FROM (
    SELECT tenantId, snapshotKey, asOf, clientId, resourceId, resourceAppId, permission,
           max(permissionId) AS permissionId, 'delegated' AS kind, consentType,
           CASE consentType WHEN 'Principal' THEN count(DISTINCT principalId) END AS principalCount,
           max(requiresAdminConsent) AS requiresAdminConsent, max(resolvedBy) AS resolvedBy, max(privilegeLevel) AS privilegeLevel
    FROM delegatedGrantScope
    GROUP BY snapshotKey, clientId, resourceId, permission, consentType
    UNION ALL
    SELECT tenantId, snapshotKey, asOf, clientId, resourceId, resourceAppId, permission,
           permissionId, 'application', 'Application', NULL,
           max(requiresAdminConsent), max(resolvedBy), max(privilegeLevel)
    FROM applicationRoleAssignment
    GROUP BY snapshotKey, clientId, resourceId, permissionId) h
LEFT JOIN servicePrincipalPublisher c ON c.snapshotKey = h.snapshotKey AND c.id = h.clientId
LEFT JOIN servicePrincipal r ON r.snapshotKey = h.snapshotKey AND r.id = h.resourceId;

-- The admin-consent report: holdings in each tenant's latest snapshot whose permission required an
-- administrator's consent, or whose requirement is unknown (requiresAdminConsent NULL: never dropped).
CREATE VIEW adminConsentHolding AS
SELECT h.*
FROM permissionHolding h
JOIN latestTenantSnapshot l ON l.id = h.snapshotKey
WHERE h.requiresAdminConsent = 1 OR h.requiresAdminConsent IS NULL;

INSERT INTO schemaNote (name, summary) VALUES
    ('tenantSnapshot', 'Each tenant import: tenantId, asOf date, contentHash.'),
    ('servicePrincipal', 'Service principals of a tenant snapshot (apps and the APIs they call).'),
    ('servicePrincipalScope', 'Delegated scopes a service principal publishes (the tenant''s view of an API).'),
    ('servicePrincipalAppRole', 'App roles a service principal publishes.'),
    ('oauth2PermissionGrant', 'Delegated permission grants as Graph returns them (scope is the raw string).'),
    ('oauth2PermissionGrantScope', 'A grant''s scope string split on white space, one row per scope.'),
    ('appRoleAssignment', 'App role assignments to service principals, users and groups, as Graph returns them.'),
    ('latestTenantSnapshot', 'View: the latest snapshot of each tenant.'),
    ('servicePrincipalPublisher', 'View: each service principal with publisher microsoft, thisTenant or thirdParty.'),
    ('delegatedGrantScope', 'View: one row per (grant, scope), resolved to permissionId and requiresAdminConsent.'),
    ('applicationRoleAssignment', 'View: application permissions held (assignments to service principals, no default role).'),
    ('permissionHolding', 'View: one row per (snapshot, client, resource, permission, kind, consentType) with principalCount.'),
    ('adminConsentHolding', 'View: the admin-consent report: latest snapshot, permissions that required admin consent or are unknown.');
