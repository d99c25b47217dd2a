-- The scoring rules in effect on the data date (the latest version on or before
-- dataset_info.as_of), with every value the viewer's leads hold for touchpoint types and for
-- each fit attribute that has a rule, so the simulator can give any of them candidate points.
-- points is null where no rule matches the value: it scores 0. Attributes without any rule are
-- left out, unless no current rule is a fit rule (a team that never scored fit, or data with no
-- scoring rules at all): then every attribute whose leads hold 2 to 50 values is listed, so
-- weights can be fitted and tried on it (more values than that is free text, such as a typed
-- job title, where a weight per value is noise).
-- Grain: rule_type × match. Params: none.
with as_of as (
    select max(as_of)::date as day from dataset_info
),

current_version as (
    -- Rules dated after the data (none in an honest file) only count when nothing else does.
    select
        coalesce(
            max(valid_from) filter (where valid_from <= (select day from as_of)),
            min(valid_from)
        ) as valid_from,
    from scoring_rules
),

current_rules as (
    select rule_type, match, points
    from scoring_rules
    where valid_from = (select valid_from from current_version)
),

seen as (
    -- Each branch is distinct on its own and carries its own rule_type: union all is enough.
    -- Touchpoint types too only from the viewer's leads: a rep must not learn another rep's.
    select distinct 'touchpoint' as rule_type, type as match
    from touchpoints
    where lead_id in (select lead_id from visible_leads())
    union all
    select distinct 'industry', industry from visible_leads() where industry is not null
    union all
    select distinct 'company_size_band', company_size_band(company_size) from visible_leads()
    union all
    select distinct 'seniority', seniority from visible_leads() where seniority is not null
    union all
    select distinct 'country', country from visible_leads() where country is not null
    union all
    select distinct 'job_title', job_title from visible_leads() where job_title is not null
),

fit_rules as (
    select count(*) as rules
    from current_rules
    where rule_type <> 'touchpoint'
),

attribute_values as (
    select rule_type, count(*) as n_values
    from seen
    where rule_type <> 'touchpoint'
    group by rule_type
),

known as (
    select rule_type, match
    from seen
    where
        rule_type = 'touchpoint'
        or rule_type in (select rule_type from current_rules)
        or (
            (select rules from fit_rules) = 0
            and rule_type in (
                select rule_type from attribute_values where n_values between 2 and 50
            )
        )
    union
    select rule_type, match
    from current_rules
    where rule_type in (
        'touchpoint', 'industry', 'company_size_band', 'seniority', 'country', 'job_title'
    )
),

final as (
    select
        known.rule_type,
        known.match,
        current_rules.points,
    from known
    left join current_rules using (rule_type, match)
)

select * from final
order by rule_type, match
