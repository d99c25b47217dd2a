-- The temporary view funnel_day_counts: the leads derived_lead() keeps, counted
-- as funnel_days counts them (how many reached each headline stage on each day, per segment the
-- sidebar filters by). Each stage is dated as funnel_leads dates it (queries/macros.sql), so the
-- counts are the funnel's by construction; the handoffs are split by sales' decision as the
-- headline reads them; the won amount is the part in home_currency(), as the headline's revenue.
-- leadflow.db.derived builds funnel_days from it with every lead kept, and after an
-- import with the leads the import changes, read once before the import writes and once
-- after: the difference is what the import changes in funnel_days
-- (queries/derived/funnel_days_update.sql).
-- Grain: day × stage × channel × industry × size band × rep. Params: none. It reads every lead
-- (funnel_leads through visible_leads), so it is read with viewer_sees_everyone set.
create or replace temp view funnel_day_counts as
with stage_moments as (
    select
        unnest(
            [
                {'stage': 'lead', 'moment': created_at, 'amount': 0},
                {'stage': 'mql', 'moment': mql_reached_at, 'amount': 0},
                {'stage': 'sql', 'moment': sql_at, 'amount': 0},
                {'stage': 'handoff', 'moment': handoff_at, 'amount': 0},
                {'stage': 'handoff_accepted', 'moment': if(is_sql, handoff_at, null), 'amount': 0},
                {'stage': 'handoff_rejected', 'moment': if(is_rejected, handoff_at, null), 'amount': 0},
                {
                    'stage': 'handoff_awaiting_decision',
                    'moment': if(not is_sql and rejected_at is null, handoff_at, null),
                    'amount': 0,
                },
                {'stage': 'won', 'moment': won_at, 'amount': home_won_amount},
            ],
            recursive := true
        ),
        channel,
        industry,
        size_band,
        owner,
    from funnel_leads([], [], [], [])
    where derived_lead(lead_id)
),

final as (
    select
        moment::date as day,
        stage,
        channel,
        industry,
        size_band,
        owner,
        count(*)::integer as leads,
        sum(amount) as amount,
    from stage_moments
    where moment is not null
    group by all
)

select * from final
