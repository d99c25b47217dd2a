-- Import: the moment the data describes after an import (dataset_info.as_of): midnight after the
-- latest timestamp in leads, touchpoints and deals, or the earlier as_of when that is later and
-- the import added to the data. Grain: one row. Params: $keep_as_of.
with latest as (
    select greatest(
        (
            select max(greatest(
                created_at, mql_at, handoff_at, first_response_at, accepted_at, rejected_at,
                recycled_at, disqualified_at
            ))
            from leads
        ),
        (select max(occurred_at) from touchpoints),
        (select max(greatest(created_at, closed_at)) from deals)
    ) as moment
),

final as (
    select
        greatest(
            date_trunc('day', latest.moment) + interval 1 day,
            case when $keep_as_of then (select max(as_of) from dataset_info) end
        ) as as_of,
    from latest
)

select * from final
