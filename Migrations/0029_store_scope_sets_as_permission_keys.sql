-- A scope set stores its values as the keys of their names in heldPermission (kind 'delegated'), a JSON
-- array in its own row, instead of one scopeSetValue row of text per value; and its scope string only when
-- the names joined by single spaces would not give it back (assorted white space, a scope named twice, an
-- empty string). scopeSetValue becomes a view over the keys, with the columns it had.
--
-- Why: with incremental consent a million grants brought 830,000 scope sets and 3.3 million value rows
-- (137 MB of a 690 MB database, a third of a second a hundred thousand rows to write), and under daily
-- churn each grant gaining a scope stores a new scope set: its text and its values were 1.6 of the 3.6 MB a
-- year of daily exports added to a 10,000-grant tenant (issue 17's year target is 1.5 times one export).
--
-- The names of every stored value become held permissions first (all but those of values no holding was
-- counted for already are). The scope sets stored before keep their scope strings, with their keys in the
-- order of the names' bytes; the import stores new ones with their keys in the order the string names
-- them, which is what the joined names follow when the string is not stored.
--
-- Views name both tables: renamed the legacy way, the new table takes the old one's name without SQLite
-- checking the views against a schema in which that name is missing for a moment.

PRAGMA legacy_alter_table = ON;

INSERT OR IGNORE INTO heldPermission (kind, name)
SELECT DISTINCT 'delegated', value FROM scopeSetValue ORDER BY value;

CREATE TABLE rebuiltScopeSet (
    scopeSetKey INTEGER PRIMARY KEY,
    -- A JSON array of heldPermission keys, each once.
    permissionKeys TEXT NOT NULL,
    -- NULL: the names of permissionKeys joined by single spaces, in their order.
    scope TEXT,
    scopeHash INTEGER NOT NULL CHECK (scopeHash BETWEEN 0 AND 4294967295)
) STRICT;
INSERT INTO rebuiltScopeSet (scopeSetKey, permissionKeys, scope, scopeHash)
SELECT s.scopeSetKey,
       coalesce((SELECT json_group_array(p.permissionKey)
                 FROM scopeSetValue v JOIN heldPermission p ON p.kind = 'delegated' AND p.name = v.value
                 WHERE v.scopeSetKey = s.scopeSetKey), '[]'),
       s.scope, s.scopeHash
FROM scopeSet s ORDER BY s.scopeSetKey;
DROP TABLE scopeSetValue;
DROP TABLE scopeSet;
ALTER TABLE rebuiltScopeSet RENAME TO scopeSet;
CREATE INDEX scopeSetByHash ON scopeSet(scopeHash);

PRAGMA legacy_alter_table = OFF;

CREATE VIEW scopeSetValue AS
SELECT s.scopeSetKey, p.name AS value
FROM scopeSet s
JOIN json_each(s.permissionKeys) k
JOIN heldPermission p ON p.permissionKey = k.value;

DROP VIEW oauth2PermissionGrantAt;
CREATE VIEW oauth2PermissionGrantAt AS
SELECT s.snapshotKey, s.asOf, g.*,
       coalesce(ss.scope, (SELECT group_concat(v.value, ' ') FROM scopeSetValue v WHERE v.scopeSetKey = ss.scopeSetKey)) AS scope
FROM tenantSnapshotDay s
JOIN oauth2PermissionGrantRun p ON p.tenantKey = s.tenantKey AND p.firstDay <= s.day AND s.day <= p.lastDay
JOIN oauth2PermissionGrant g ON g.versionKey = p.versionKey
JOIN scopeSet ss ON ss.scopeSetKey = g.scopeSetKey;

UPDATE schemaNote
SET summary = 'Distinct grant scope strings, stored once: permissionKeys, the heldPermission keys of its values as a JSON array; scope, the string when the names joined by single spaces would not give it back (else NULL); scopeHash, a 32-bit hash of the string''s code points (h * 16777619 + c mod 2^32), which the import finds it by.'
WHERE name = 'scopeSet';
UPDATE schemaNote
SET summary = 'View: a scope string split on white space, one row per scope (from scopeSet''s permissionKeys).'
WHERE name = 'scopeSetValue';
