-- Brings funnel_days up to date after an import, for the leads it changed (the temporary table
-- derived_leads): funnel_days_before holds what funnel_day_counts said for them before the
-- import wrote, funnel_day_counts now says what they count after. Each row of funnel_days those
-- leads count in gets their new counts less their old ones; a row left with no lead goes, as a
-- whole rebuild would not have it (tests/test_derived_incremental.py checks the result equals
-- one). The amounts are decimals: adding and taking off is exact. Segment columns may be null,
-- so rows are matched with IS NOT DISTINCT FROM. Params: none.
create or replace temp table funnel_days_changed as
with changes as (
    select * from funnel_day_counts
    union all
    select day, stage, channel, industry, size_band, owner, -leads, -amount
    from funnel_days_before
),

changed_keys as (
    select distinct day, stage, channel, industry, size_band, owner from changes
),

held as (
    select funnel_days.*
    from funnel_days
    semi join changed_keys
        on funnel_days.day = changed_keys.day
        and funnel_days.stage = changed_keys.stage
        and funnel_days.channel is not distinct from changed_keys.channel
        and funnel_days.industry is not distinct from changed_keys.industry
        and funnel_days.size_band is not distinct from changed_keys.size_band
        and funnel_days.owner is not distinct from changed_keys.owner
)

select
    day,
    stage,
    channel,
    industry,
    size_band,
    owner,
    sum(leads)::integer as leads,
    sum(amount) as amount,
from (select * from held union all select * from changes)
group by all;

delete from funnel_days
using funnel_days_changed
where
    funnel_days.day = funnel_days_changed.day
    and funnel_days.stage = funnel_days_changed.stage
    and funnel_days.channel is not distinct from funnel_days_changed.channel
    and funnel_days.industry is not distinct from funnel_days_changed.industry
    and funnel_days.size_band is not distinct from funnel_days_changed.size_band
    and funnel_days.owner is not distinct from funnel_days_changed.owner;

insert into funnel_days
select * from funnel_days_changed
where leads <> 0
order by day;

drop table funnel_days_changed;
drop table funnel_days_before;
