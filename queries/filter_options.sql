-- The values each shared filter offers, from the data itself.
-- Grain: field × value. Params: none.
with final as (
    select distinct 'channel' as field, channel as value from leads
    union all
    select distinct 'industry', industry from leads where industry is not null
    union all
    select distinct 'size_band', company_size_band(company_size) from leads
    union all
    select distinct 'rep', owner from leads where owner is not null
)

select * from final
order by field, value
