-- Item availability (architecture §4, bc-integration.md §2): a posting moves an item's inventory without
-- modifying the item, so incremental syncs miss it. A profile with a row here refreshes the inventory of its
-- coupled items whose ledger has new entries; last_entry_number is the last entry read, null before the first
-- refresh (which refreshes every coupled item).
create table item_availability (
    profile           varchar(100) not null primary key,
    last_entry_number bigint
);
