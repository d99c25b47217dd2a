-- Import: what the good rows of a checked import will give, before anything is written: the
-- funnel of the mapped leads (each stage implied as funnel_leads in queries/macros.sql implies
-- it: a deal makes an SQL, an SQL a handoff, a handoff an MQL) and how many of those leads fill
-- each column the pages need. Grain: one row. Reads the temporary staged_leads, staged_deals and
-- staged_touchpoints (queries/import/<table>.sql). Params: none.
with good_leads as (
    select *
    from staged_leads
    where len(problems) = 0
),

good_deals as (
    select *
    from staged_deals
    where len(problems) = 0
),

deal_outcomes as (
    select
        lead_id,
        min(created_at) as opportunity_at,
        bool_or(stage = 'won') as is_won,
    from good_deals
    group by lead_id
),

stages as (
    select
        good_leads.*,
        deal_outcomes.opportunity_at is not null as is_opportunity,
        coalesce(deal_outcomes.is_won, false) as is_won,
        coalesce(good_leads.accepted_at, deal_outcomes.opportunity_at) is not null as is_sql,
        good_leads.handoff_at is not null or is_sql as is_handoff,
        good_leads.mql_at is not null or is_handoff as is_mql,
    from good_leads
    left join deal_outcomes using (lead_id)
),

final as (
    select
        count(*) as leads,
        count(*) filter (where is_mql) as mqls,
        count(*) filter (where is_handoff) as handoffs,
        count(*) filter (where is_sql) as sqls,
        count(*) filter (where is_won) as won,
        count(*) filter (where is_opportunity) as opportunities,
        count(mql_at) as with_mql_at,
        count(handoff_at) as with_handoff_at,
        count(owner) filter (where handoff_at is not null) as with_owner,
        count(first_response_at) as with_first_response_at,
        count(accepted_at) as with_accepted_at,
        count(rejected_at) as with_rejected_at,
        count(rejection_reason) as with_rejection_reason,
        count(score_at_handoff) as with_score,
        count(*) filter (
            where industry is not null or company_size is not null or seniority is not null
        ) as with_attributes,
        (select count(*) from staged_touchpoints where len(problems) = 0) as touchpoints,
        (select count(*) from good_deals) as deals,
    from stages
)

select * from final
