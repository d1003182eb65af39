-- Presence runs that reach the tenant's latest snapshot are open: their lastSeen is '9999-12-31' rather
-- than the latest snapshot's date. A new latest snapshot then writes only what changed: the runs of versions
-- it no longer holds are closed at the snapshot before it, and its new versions open runs. Before, every run
-- of every unchanged object and holding was moved on to the new date: a million row updates for an export
-- in which a thousand grants changed.
--
-- Every read compares dates (firstSeen <= asOf AND asOf <= lastSeen), and '9999-12-31' is after every
-- snapshot date, so reads are unchanged. A run that ends before the latest snapshot keeps its last date.

UPDATE tenantPresence SET lastSeen = '9999-12-31'
WHERE lastSeen = (SELECT max(s.asOf) FROM tenantSnapshot s WHERE s.tenantId = tenantPresence.tenantId);

UPDATE holdingPresence SET lastSeen = '9999-12-31'
WHERE lastSeen = (SELECT max(s.asOf) FROM tenantSnapshot s WHERE s.tenantId = holdingPresence.tenantId);

UPDATE schemaNote
SET summary = 'Runs of snapshot dates (firstSeen .. lastSeen) in which each version was present; lastSeen is 9999-12-31 while the run reaches the tenant''s latest snapshot.'
WHERE name = 'tenantPresence';

UPDATE schemaNote
SET summary = 'Runs of snapshot dates (firstSeen .. lastSeen) in which each holding version was present; lastSeen is 9999-12-31 while the run reaches the tenant''s latest snapshot.'
WHERE name = 'holdingPresence';
