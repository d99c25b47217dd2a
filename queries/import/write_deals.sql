-- Import: update the good imported deals whose id the database already holds, in the columns
-- the mapping fills; the others keep what they held. import/insert_deals adds the new ids after
-- it. Params: $mapped (the deals columns the mapping fills).
merge into deals
using (select * from staged_deals where len(problems) = 0) as imported
on imported.deal_id = deals.deal_id
when matched then update set
    lead_id = case
        when list_contains($mapped, 'lead_id') then imported.lead_id else deals.lead_id
    end,
    created_at = case
        when list_contains($mapped, 'created_at') then imported.created_at else deals.created_at
    end,
    closed_at = case
        when list_contains($mapped, 'closed_at') then imported.closed_at else deals.closed_at
    end,
    stage = case
        when list_contains($mapped, 'stage') then imported.stage else deals.stage
    end,
    amount = case
        when list_contains($mapped, 'amount') then imported.amount else deals.amount
    end,
    lost_reason = case
        when list_contains($mapped, 'lost_reason') then imported.lost_reason else deals.lost_reason
    end,
    currency = case
        when list_contains($mapped, 'currency') then imported.currency else deals.currency
    end
