-- A page looks up the couplings and failures of its records by id, in lists of up to 500. With keys that
-- started with profile and mapping, H2 could not use them for an in-list and scanned every coupling of the
-- mapping for every page. The keys now lead with the record's id; listing a mapping's rows gets an index.
-- Tables are rebuilt rather than altered, since the two databases name unnamed primary keys differently.

create table coupling_by_id (
    bc_id            varchar(36)  not null,
    mapping_name     varchar(40)  not null,
    profile          varchar(100) not null,
    crm_id           varchar(36)  not null,
    bc_modified_on   timestamp with time zone,
    crm_modified_on  timestamp with time zone,
    crm_version      bigint,
    last_result_to   varchar(10),
    last_result_from varchar(10),
    skipped          boolean      default false not null,
    constraint coupling_key primary key (bc_id, mapping_name, profile),
    constraint coupling_crm_id_once unique (crm_id, mapping_name, profile)
);
insert into coupling_by_id (bc_id, mapping_name, profile, crm_id, bc_modified_on, crm_modified_on, crm_version,
                            last_result_to, last_result_from, skipped)
    select bc_id, mapping_name, profile, crm_id, bc_modified_on, crm_modified_on, crm_version, last_result_to,
           last_result_from, skipped from coupling;
drop table coupling;
alter table coupling_by_id rename to coupling;
create index coupling_of_mapping on coupling (profile, mapping_name);

create table record_failure_by_id (
    source_id      varchar(36)   not null,
    direction      varchar(30)   not null,
    mapping_name   varchar(40)   not null,
    profile        varchar(100)  not null,
    source_key     varchar(250)  not null,
    destination_id varchar(36),
    message        varchar(2048) not null,
    job_id         varchar(64)   not null,
    skipped        boolean       default false not null,
    failed_at      timestamp with time zone not null,
    constraint record_failure_key primary key (source_id, direction, mapping_name, profile)
);
insert into record_failure_by_id (source_id, direction, mapping_name, profile, source_key, destination_id, message,
                                  job_id, skipped, failed_at)
    select source_id, direction, mapping_name, profile, source_key, destination_id, message, job_id, skipped, failed_at
    from record_failure;
drop table record_failure;
alter table record_failure_by_id rename to record_failure;
create index record_failure_of_mapping on record_failure (profile, mapping_name, direction);
