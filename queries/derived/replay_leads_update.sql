-- Rewrites the rows of replay_leads of the leads an import changed (the temporary table
-- derived_leads) from the data as the import left it, as queries/replay_leads.sql builds every
-- lead's. Params: none.
delete from replay_leads
where lead_id in (select lead_id from derived_leads);

insert into replay_leads
select * from replay_lead_rows
order by lead_id
