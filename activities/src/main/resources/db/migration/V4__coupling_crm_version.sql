-- Dataverse's modifiedon has second precision, so two edits within a second look alike; its row version
-- (versionnumber) does not. The coupling keeps the version last synchronized for change detection.
alter table coupling add column crm_version bigint;
