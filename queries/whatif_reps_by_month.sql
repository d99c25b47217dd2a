-- How many sales reps received handoffs each month: the team a month's handoffs are shared
-- by. Every handoff counts, whatever the filters: the team is the same for every segment.
-- Grain: month. Params: none.
with final as (
    select
        date_trunc('month', handoff_at)::date as month,
        count(distinct owner) as reps,
    from visible_leads()
    where handoff_at is not null
    group by all
)

select * from final
order by month
