-- BC assigns the id of a record it creates, so a create whose answer was lost (a timeout, a dropped connection)
-- leaves a record in BC that nothing is coupled to, and the retried page would create it again. A create is
-- therefore announced here, durably, before it is sent: a retry that finds the announcement looks for the
-- record in BC first. The row goes when the record is coupled.
create table create_intent (
    source_id    varchar(36)  not null,
    mapping_name varchar(40)  not null,
    profile      varchar(100) not null,
    intended_at  timestamp with time zone not null,
    constraint create_intent_key primary key (source_id, mapping_name, profile)
);
