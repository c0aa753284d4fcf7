-- The PostgreSQL decision store's tables, schema version 1 (PostgresDecisionStore.createTables runs this script with
-- ${prefix} replaced by the table prefix, "fairpath_decision" by default). A DBA may run it by hand instead.
--
-- ${prefix}_records holds one row per record: its sequence number and its line, byte for byte the line the file log
-- would write (canonical JSON with the record's SHA-256 at the end, no newline).
-- ${prefix}_head holds exactly one row: the last record's sequence number and hash. Every append locks this row
-- (SELECT ... FOR UPDATE) until it commits, which orders appends from every application server into one gap-free
-- chain; verify checks the row against the last record, so a deleted tail is caught.
CREATE TABLE ${prefix}_records (
    seq  bigint PRIMARY KEY CHECK (seq >= 1),
    line text   NOT NULL
);
CREATE TABLE ${prefix}_head (
    id             smallint PRIMARY KEY CHECK (id = 1),
    schema_version integer  NOT NULL,
    seq            bigint   NOT NULL CHECK (seq >= 0),
    hash           text     NOT NULL
);
INSERT INTO ${prefix}_head (id, schema_version, seq, hash)
    VALUES (1, 1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
