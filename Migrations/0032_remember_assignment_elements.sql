-- App role assignment versions remember the export element they were last read from, as service principal
-- and grant versions do (migration 0028): a weekly import takes an unchanged assignment as its stored version
-- without decoding it, and adds its holding (its role on its resource) from the stored version's columns
-- once the export is read.
--
-- Why: 0028 left assignments out (a tenant has a tenth as many as grants). But the harness's tenants have
-- 100,000 of them at every size, and decoding them every week took 0.45 s of the import's database thread
-- and 0.6 s of its reader: a quarter of a weekly import of 250,000 grants, and the first thing it did.
CREATE TABLE appRoleAssignmentElement (
    versionKey INTEGER PRIMARY KEY,
    digest0 INTEGER NOT NULL,
    digest1 INTEGER NOT NULL,
    digest2 INTEGER NOT NULL,
    digest3 INTEGER NOT NULL
) STRICT;

INSERT INTO schemaNote (name, summary) VALUES
    ('appRoleAssignmentElement', 'Import bookkeeping: the same for app role assignment versions.');
