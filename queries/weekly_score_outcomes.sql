-- What the handoffs of the period became, per score at handoff: for the threshold proposal
-- (raising the threshold to T drops the handoffs scored below T). Grain: score_at_handoff.
-- Params: $start, $end (dates, inclusive), $channels, $industries, $size_bands, $reps.
with handed as (
    select *
    from handoffs($channels, $industries, $size_bands, $reps)
    where
        in_period(handoff_at, $start, $end)
        and score_at_handoff is not null
),

final as (
    select
        score_at_handoff as score,
        count(*) as handoffs,
        count(*) filter (where outcome = 'accepted') as accepted,
        count(*) filter (where is_won) as won,
        sum(home_won_amount)::double as revenue_won,  -- in home_currency(), never mixed
    from handed
    group by all
)

select * from final
order by score
