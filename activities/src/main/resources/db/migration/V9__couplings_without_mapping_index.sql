-- A durable commit writes every index page its inserts touched, and a coupling's three indexes are all keyed
-- by random ids: a page's thousand new couplings rewrote about a third of each index at every commit. The
-- (profile, mapping, bc_id) index only served reading all of a mapping's couplings (setting up salespeople,
-- audits); a page's lookups and updates go by the primary key, which leads with bc_id, or by the unique CRM
-- id key. Without it, 100 commits of 1,000 couplings on H2 wrote 485 MB instead of 880 MB.
drop index coupling_of_mapping;
