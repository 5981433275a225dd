-- A page marks each failed record's coupling and replaces its earlier failure by id. H2 plans such a statement
-- with the (profile, mapping) index rather than the primary key, and then compares every coupling of the mapping
-- with the id: at 100,000 customers that took most of the sync's time. Ending those indexes with the id makes
-- either index a direct lookup, whichever a database chooses; listing a mapping's rows still uses them.

drop index coupling_of_mapping;
create index coupling_of_mapping on coupling (profile, mapping_name, bc_id);

drop index record_failure_of_mapping;
create index record_failure_of_mapping on record_failure (profile, mapping_name, direction, source_id);
