-- The integration table and field mappings of each connection profile (BC's tables 5335 and 5336), so
-- that a user can change them; "reset to defaults" writes crmsync's defaults again.

create table table_mapping (
    profile                    varchar(100) not null,
    name                       varchar(40)  not null,
    -- the order mappings are listed and planned in
    list_order                 integer      not null,
    direction                  varchar(30)  not null,
    dependency_filter          varchar(250) not null,
    bc_entity_set              varchar(100) not null,
    bc_filter                  varchar(2000),
    bc_key_field               varchar(100) not null,
    crm_entity_set             varchar(100) not null,
    crm_logical_name           varchar(100) not null,
    crm_key                    varchar(100) not null,
    crm_key_field              varchar(100) not null,
    crm_filter                 varchar(2000),
    crm_supports_multiple      boolean      not null,
    synch_only_coupled_records boolean      not null,
    match_while_syncing        boolean      not null,
    transformation             varchar(40),
    deletion_conflict          varchar(30)  not null,
    update_conflict            varchar(30)  not null,
    primary key (profile, name)
);

create table field_mapping (
    profile                   varchar(100) not null,
    mapping_name              varchar(40)  not null,
    no                        integer      not null,
    bc_field                  varchar(100),
    crm_field                 varchar(100),
    direction                 varchar(30)  not null,
    constant_value            varchar(250),
    lookup_parent_mapping     varchar(40),
    lookup_parent_code_field  varchar(100),
    lookup_crm_target_set     varchar(100),
    lookup_blank_is_lcy       boolean      default false not null,
    clear_value_on_failed_sync boolean     default false not null,
    not_null                  boolean      default false not null,
    match_priority            integer      default 0 not null,
    case_sensitive_matching   boolean      default false not null,
    primary key (profile, mapping_name, no),
    constraint field_mapping_of_mapping foreign key (profile, mapping_name)
        references table_mapping (profile, name) on delete cascade
);
