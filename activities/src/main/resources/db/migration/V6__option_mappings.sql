-- Option mappings (PAYMENT TERMS, SHIPMENT METHOD, SHIPPING AGENT): their Dataverse side is the options of a
-- choice column of crm_logical_name rather than its rows; their couplings pair a BC id with an option number.
alter table table_mapping add column crm_choice_column varchar(100);
