-- What incremental syncs, retries and skipped records need (bc-integration.md §4, §6).

-- Where the next incremental sync of a mapping starts reading, per direction. It only moves forward.
create table watermark (
    profile      varchar(100) not null,
    mapping_name varchar(40)  not null,
    direction    varchar(30)  not null,
    modified_on  timestamp with time zone not null,
    primary key (profile, mapping_name, direction)
);

-- A source record whose last synchronization failed. The next job retries it first, unless it is
-- skipped: the same error in two consecutive jobs skips it until a user retries it.
create table record_failure (
    profile        varchar(100)  not null,
    mapping_name   varchar(40)   not null,
    direction      varchar(30)   not null,
    source_id      varchar(36)   not null,
    source_key     varchar(250)  not null,
    destination_id varchar(36),
    message        varchar(2048) not null,
    job_id         varchar(64)   not null,
    skipped        boolean       default false not null,
    failed_at      timestamp with time zone not null,
    primary key (profile, mapping_name, direction, source_id)
);

-- Couplings a job removed (Deletion-Conflict Resolution = Remove Coupling).
alter table sync_job add column uncoupled bigint default 0 not null;
-- An incremental job first retries earlier failures (RETRY), then reads what changed (SCAN).
alter table sync_job add column phase varchar(10) default 'SCAN' not null;
-- The job reads source records modified after this; null reads them all (a full sync).
alter table sync_job add column modified_after timestamp with time zone;
-- The latest source modified-on the job has read: the watermark it leaves, capped at started_at.
alter table sync_job add column max_modified_on timestamp with time zone;
