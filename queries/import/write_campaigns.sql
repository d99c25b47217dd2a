-- Import: write the good imported campaigns and the ones the import had to create (the
-- temporary new_campaigns); a known id is updated in the columns the mapping fills.
-- Params: $mapped (the campaigns columns the mapping fills).
insert into campaigns (campaign_id, name, channel)
select campaign_id, name, channel from staged_campaigns where len(problems) = 0
union all
select campaign_id, name, channel from new_campaigns
on conflict (campaign_id) do update set
    name = case when list_contains($mapped, 'name') then excluded.name else campaigns.name end,
    channel = case
        when list_contains($mapped, 'channel') then excluded.channel else campaigns.channel
    end
