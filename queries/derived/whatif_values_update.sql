-- Brings whatif_values up to date after an import, once lead_month_touches and replay_leads
-- hold the leads it changed (derived_leads) as they now are: each count those leads are in
-- gets their new count less their old one (whatif_values_before); a value no lead holds any
-- more goes, as a whole rebuild would not have it. The owner may be null, so rows are matched with
-- IS NOT DISTINCT FROM. Params: none.
create or replace temp table whatif_values_changed as
with changes as (
    select * from whatif_value_counts
    union all
    select owner, rule_type, match, -counted from whatif_values_before
),

changed_keys as (
    select distinct owner, rule_type, match from changes
),

held as (
    select whatif_values.*
    from whatif_values
    semi join changed_keys
        on whatif_values.owner is not distinct from changed_keys.owner
        and whatif_values.rule_type = changed_keys.rule_type
        and whatif_values.match = changed_keys.match
)

select
    owner,
    rule_type,
    match,
    sum(counted)::integer as counted,
from (select * from held union all select * from changes)
group by all;

delete from whatif_values
using whatif_values_changed
where
    whatif_values.owner is not distinct from whatif_values_changed.owner
    and whatif_values.rule_type = whatif_values_changed.rule_type
    and whatif_values.match = whatif_values_changed.match;

insert into whatif_values
select * from whatif_values_changed
where counted <> 0
order by all;

drop table whatif_values_changed;
drop table whatif_values_before;
