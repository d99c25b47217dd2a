-- Every version of the MQL threshold and the decay half-life, oldest first; the simulator's
-- "current rules" use the latest version on or before the data date.
-- Grain: version. Params: none.
with final as (
    select
        valid_from,
        mql_threshold,
        decay_half_life_days,
        valid_from <= (select max(as_of) from dataset_info) as in_effect_by_data_date,
    from scoring_thresholds
)

select * from final
order by valid_from
