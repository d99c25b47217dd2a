-- Rewrites the rows of replay_leads of the leads an import changed (the temporary table
-- derived_leads) from the data as the import left it, as queries/replay_leads.sql builds every
-- lead's. Params: none.
delete from replay_leads
where derived_lead(lead_id);

insert into replay_leads
select * from replay_lead_rows
order by lead_id
