-- Builds lead_month_touches: every lead's touchpoints counted per calendar month and type, the
-- features the what-if replay sums (whatif_touchpoints reads them instead of grouping all the
-- touchpoints on every first load). Derived data, built whole by leadflow.db.derived when a
-- database is created, when an import replaces the data and at open when its definition has
-- changed; any other import recounts only the leads it changes
-- (queries/derived/lead_month_touches_update.sql, the same counts). A page never writes it. Stored
-- sorted by lead_id and month, as the touchpoints are, so a join on a recent cohort skips the
-- row groups of older leads.
-- Grain: lead × month × touchpoint type. Params: none.
create or replace table lead_month_touches as
with final as (
    select
        lead_id,
        date_trunc('month', occurred_at)::date as month,
        type,
        count(*)::integer as touchpoints,
    from touchpoints
    group by all
)

select * from final
order by lead_id, month
