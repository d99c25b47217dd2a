-- Builds funnel_days: how many leads reached each headline stage on each day, per segment the
-- sidebar filters by, so the landing page's headline sums a few hundred thousand rows instead of
-- staging a million leads on every view (issue 16: 50 ms at 1 M leads). Each stage is dated as
-- funnel_leads dates it (queries/macros.sql), so the counts are the funnel's by construction;
-- the handoffs are split by sales' decision as the headline reads them; the won amount is the
-- part in home_currency(), as the headline's revenue. Derived data, rebuilt
-- whole with lead_month_touches whenever leads or deals are written, and at open when the
-- definitions it was built with have changed (leadflow.db.derived); a page never writes it.
-- Grain: day × stage × channel × industry × size band × rep. Params: none. It reads every lead
-- (funnel_leads through visible_leads), so it is run with viewer_sees_everyone set.
create or replace table funnel_days as
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
order by day
