-- Import: update the good imported deals whose id the database already holds, in the
-- columns the mapping fills; the others keep what they held. Runs before
-- import_insert_deals, which adds the new ids with a plain insert (twice as fast as one
-- with ON CONFLICT). Params: $mapped (the deals columns the mapping fills).
insert into deals (
    deal_id,
    lead_id,
    created_at,
    closed_at,
    stage,
    amount,
    lost_reason
)
select
    deal_id,
    lead_id,
    created_at,
    closed_at,
    stage,
    amount,
    lost_reason
from staged_deals
where len(problems) = 0 and deal_id in (select deal_id from deals)
on conflict (deal_id) do update set
    lead_id = case
        when list_contains($mapped, 'lead_id') then excluded.lead_id else deals.lead_id
    end,
    created_at = case
        when list_contains($mapped, 'created_at') then excluded.created_at else deals.created_at
    end,
    closed_at = case
        when list_contains($mapped, 'closed_at') then excluded.closed_at else deals.closed_at
    end,
    stage = case
        when list_contains($mapped, 'stage') then excluded.stage else deals.stage
    end,
    amount = case
        when list_contains($mapped, 'amount') then excluded.amount else deals.amount
    end,
    lost_reason = case
        when list_contains($mapped, 'lost_reason') then excluded.lost_reason else deals.lost_reason
    end
