-- Each activity import's calls added up over its whole window, per app, scheme, method, template, how it
-- matched and status class: what least-privilege advice reads when its window is all of the imported
-- activity (the default). graphCall keeps them per day for a narrower window; adding those up at every
-- report took a second for a million records, these are a tenth of the rows.
CREATE TABLE graphCallTotal (
    importKey INTEGER NOT NULL REFERENCES activityImport(id) ON DELETE CASCADE,
    appId TEXT NOT NULL,
    scheme TEXT NOT NULL CHECK (scheme IN ('application', 'delegated')),
    method TEXT NOT NULL,
    template TEXT NOT NULL,
    matchKind TEXT NOT NULL CHECK (matchKind IN ('exact', 'dollarStripped', 'meAlias', 'unmatched')),
    statusClass TEXT NOT NULL,
    -- The first day with such calls, and the lowest API version they used.
    firstDay TEXT NOT NULL,
    apiVersion TEXT NOT NULL,
    calls INTEGER NOT NULL,
    firstSeen TEXT NOT NULL,
    lastSeen TEXT NOT NULL,
    PRIMARY KEY (importKey, appId, scheme, method, template, matchKind, statusClass)
) STRICT, WITHOUT ROWID;

-- The imports made before this table.
INSERT INTO graphCallTotal (importKey, appId, scheme, method, template, matchKind, statusClass, firstDay, apiVersion, calls, firstSeen, lastSeen)
SELECT importKey, appId, scheme, method, template, matchKind, statusClass, min(day), min(apiVersion), sum(calls), min(firstSeen), max(lastSeen)
FROM graphCall
GROUP BY importKey, appId, scheme, method, template, matchKind, statusClass;

INSERT INTO schemaNote (name, summary) VALUES
    ('graphCallTotal', 'Each activity import''s graphCall rows added up over its window (per app, scheme, method, template, match and status class).');
