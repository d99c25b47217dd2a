-- The values each shared filter offers, from the leads the viewer may see.
-- Grain: field × value. Params: none.
with final as (
    select distinct 'channel' as field, channel as value from visible_leads()
    union all
    select distinct 'industry', industry from visible_leads() where industry is not null
    union all
    select distinct 'size_band', company_size_band(company_size) from visible_leads()
    union all
    select distinct 'rep', owner from visible_leads() where owner is not null
)

select * from final
order by field, value
