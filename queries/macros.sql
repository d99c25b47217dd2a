-- The shared definitions every query reads leads through: stages, segments, handoffs, the SLA
-- clock. They are code, not data: leadflow.db applies this file whenever it opens a database,
-- so a file built by an older version of the app gets the current definitions.

-- The currency of campaign costs and of a deal whose data names none (schema.sql's default for
-- deals.currency; leadflow.settings.CURRENCY, tests/test_stages.py checks they agree). Revenue
-- set against costs (ROI, revenue per deal in the KPIs) counts the won deals in it only.
create or replace macro home_currency() as 'PLN';

-- Company-size bands used by every split and filter, in the order they are shown.
create or replace macro company_size_band(employees) as
    case
        when employees is null then 'unknown'
        when employees < 10 then '1-9'
        when employees < 50 then '10-49'
        when employees < 250 then '50-249'
        when employees < 1000 then '250-999'
        else '1000+'
    end;

-- The leads the person looking may see: everyone's, or as a sales rep only their own (those
-- they own). leadflow.db sets the two variables on every cursor that reads, from
-- leadflow.access; where they are not set, nothing is visible. Every query reads leads
-- through this macro (tests/test_access.py checks), so a rep sees their own leads everywhere.
create or replace macro visible_leads() as table
    select *
    from leads
    where
        coalesce(getvariable('viewer_sees_everyone'), false)
        or list_contains(coalesce(getvariable('viewer_reps'), []::varchar[]), owner);

-- The leads the shared filters keep. An empty list means "no filter" for that field.
-- Every page's query reads leads through this macro, so a filter means the same everywhere.
create or replace macro filtered_leads(channels, industries, size_bands, reps) as table
    select
        *,
        company_size_band(company_size) as size_band,
    from visible_leads()
    where
        (len(channels) = 0 or list_contains(channels, channel))
        and (len(industries) = 0 or list_contains(industries, industry))
        and (len(size_bands) = 0 or list_contains(size_bands, company_size_band(company_size)))
        and (len(reps) = 0 or list_contains(reps, owner));

-- funnel_days (queries/funnel_days.sql) as the viewer may see it and the shared filters keep:
-- the same rules as visible_leads and filtered_leads, on the segment columns it keeps.
create or replace macro filtered_funnel_days(channels, industries, size_bands, reps) as table
    select *
    from funnel_days
    where
        (
            coalesce(getvariable('viewer_sees_everyone'), false)
            or list_contains(coalesce(getvariable('viewer_reps'), []::varchar[]), owner)
        )
        and (len(channels) = 0 or list_contains(channels, channel))
        and (len(industries) = 0 or list_contains(industries, industry))
        and (len(size_bands) = 0 or list_contains(size_bands, size_band))
        and (len(reps) = 0 or list_contains(reps, owner));

-- replay_leads (queries/replay_leads.sql, the what-if replay's leads) as the viewer may see it
-- and the segment filters keep: the same rules as visible_leads and filtered_leads.
create or replace macro filtered_replay_leads(channels, industries, size_bands) as table
    select *
    from replay_leads
    where
        (
            coalesce(getvariable('viewer_sees_everyone'), false)
            or list_contains(coalesce(getvariable('viewer_reps'), []::varchar[]), owner)
        )
        and (len(channels) = 0 or list_contains(channels, channel))
        and (len(industries) = 0 or list_contains(industries, industry))
        and (len(size_bands) = 0 or list_contains(size_bands, size_band));

-- whatif_values (queries/whatif_values.sql) as the viewer may see it: their own leads' values.
create or replace macro visible_whatif_values() as table
    select *
    from whatif_values
    where
        coalesce(getvariable('viewer_sees_everyone'), false)
        or list_contains(coalesce(getvariable('viewer_reps'), []::varchar[]), owner);

-- The period window every page filters by: moment `t` falls on a day from `start_day` to
-- `end_day`, both inclusive (the sidebar's dates). One definition, so a period means the same
-- days on every page; a null `t` (a stage not reached) is in no period.
create or replace macro in_period(t, start_day, end_day) as
    t >= start_day::date::timestamp and t < end_day::date + interval 1 day;

-- Filtered leads with the stages each reached and the moment each was reached, which defines
-- the funnel once for every page (docs/definitions.md). The rule for implied stages: a lead
-- that reached a later stage reached the earlier ones, at the latest when it reached the
-- later one. So SQL is sql_at = accepted_at, or where an export lacks it the first deal's
-- creation (a lead with a deal was accepted); handed off is handoff_at, or else sql_at; MQL is
-- mql_at, or else the handoff. Opportunity when it has a deal; won when any of its deals was
-- won (at the first win, with the amounts of all its won deals); lost when every deal it had
-- was lost; rejected when sales turned it down and it is no SQL. Disqualified before handoff
-- when marketing or an SDR closed it (disqualified_at) and it never reached sales: beside the
-- funnel, not a step of it (a disqualified lead that was recycled and later handed off counts
-- as handed off). won_currency is the currency of the lead's won deals ('mixed' for several):
-- revenue is shown per currency (queries/revenue_by_currency.sql), never added across them.
-- home_won_amount is the part in home_currency(), for sums set against PLN (the landing page's
-- change, the weekly report, the what-if replay).
-- Every page counts a stage by these columns, so counts never grow down the funnel and a stage
-- has one date everywhere.
create or replace macro funnel_leads(channels, industries, size_bands, reps) as table
    with deal_outcomes as (
        select
            lead_id,
            min(created_at) as opportunity_at,
            min(closed_at) filter (where stage = 'won') as won_at,
            case when bool_and(stage = 'lost') then max(closed_at) end as lost_at,
            coalesce(sum(amount) filter (where stage = 'won'), 0) as won_amount,
            coalesce(
                sum(amount) filter (where stage = 'won' and currency = home_currency()), 0
            ) as home_won_amount,
            min(currency) filter (where stage = 'won') as won_currency,
            count(distinct currency) filter (where stage = 'won') as won_currencies,
        from deals
        group by lead_id
    )
    select
        filtered.*,
        campaigns.name as campaign_name,
        deal_outcomes.opportunity_at,
        deal_outcomes.won_at,
        deal_outcomes.lost_at,
        coalesce(deal_outcomes.won_amount, 0) as won_amount,
        coalesce(deal_outcomes.home_won_amount, 0) as home_won_amount,
        case
            when deal_outcomes.won_currencies > 1 then 'mixed' else deal_outcomes.won_currency
        end as won_currency,
        coalesce(filtered.accepted_at, deal_outcomes.opportunity_at) as sql_at,
        coalesce(filtered.handoff_at, sql_at) as handoff_reached_at,
        coalesce(filtered.mql_at, handoff_reached_at) as mql_reached_at,
        deal_outcomes.opportunity_at is not null as is_opportunity,
        sql_at is not null as is_sql,
        handoff_reached_at is not null as is_handoff,
        mql_reached_at is not null as is_mql,
        filtered.rejected_at is not null and not is_sql as is_rejected,
        deal_outcomes.won_at is not null as is_won,
        deal_outcomes.lost_at is not null as is_lost,
        filtered.disqualified_at is not null and not is_handoff as is_disqualified,
    from filtered_leads(channels, industries, size_bands, reps) as filtered
    left join deal_outcomes using (lead_id)
    left join campaigns using (campaign_id);

-- The segment a lead belongs to when the funnel is split by `dimension`.
create or replace macro lead_segment(
    dimension, created_at, channel, campaign_name, industry, size_band, owner, lead_status
) as
    case dimension
        when 'lead_status' then coalesce(lead_status, '(no status)')
        when 'all' then 'all leads'
        when 'created_month' then strftime(created_at, '%Y-%m')
        when 'channel' then channel
        when 'campaign' then coalesce(campaign_name, '(no campaign)')
        when 'industry' then coalesce(industry, '(unknown)')
        when 'size_band' then size_band
        when 'rep' then coalesce(owner, '(not handed off)')
    end;

-- Lead-score bands of 10 points ('90-99'), for splitting handoffs by score_at_handoff.
create or replace macro score_band(score) as
    case
        when score is null then '(no score)'
        else (floor(score / 10) * 10)::integer || '-' || (floor(score / 10) * 10 + 9)::integer
    end;

-- The segment a handed-off lead belongs to when the conversion, SLA and rejection pages split
-- by `dimension`: every lead_segment dimension, plus seniority, the score band at handoff and
-- the week (named by its Monday) or month of the handoff.
create or replace macro handoff_segment(
    dimension, handoff_at, seniority, score_at_handoff,
    created_at, channel, campaign_name, industry, size_band, owner, lead_status
) as
    case dimension
        when 'handoff_week' then strftime(date_trunc('week', handoff_at), '%Y-%m-%d')
        when 'handoff_month' then strftime(handoff_at, '%Y-%m')
        when 'seniority' then coalesce(seniority, '(unknown)')
        when 'score_band' then score_band(score_at_handoff)
        else lead_segment(
            dimension, created_at, channel, campaign_name, industry, size_band, owner, lead_status
        )
    end;

-- A custom lead attribute's value as text: a number as written, whole numbers without ".0".
create or replace macro attribute_text(text_value, number_value) as
    coalesce(
        text_value,
        case
            when number_value = round(number_value) and abs(number_value) < 1e15
                then number_value::bigint::varchar
            else number_value::varchar
        end
    );

-- Touchpoints that show intent to buy (DOMAIN.md's strong-intent actions).
create or replace macro is_buying_signal(type) as
    type in ('demo_request', 'contact_form', 'pricing_page_visit', 'roi_calculator');

-- Filtered leads handed off to sales, with the outcome of the handoff: 'accepted' (an SQL, as
-- funnel_leads defines it), 'rejected', or 'open' while sales has not decided. An open
-- handoff is not a failure: rates of decided handoffs leave it out.
create or replace macro handoffs(channels, industries, size_bands, reps) as table
    select
        *,
        case
            when is_sql then 'accepted'
            when rejected_at is not null then 'rejected'
            else 'open'
        end as outcome,
        case when is_sql then sql_at else rejected_at end as decided_at,
    from funnel_leads(channels, industries, size_bands, reps)
    where handoff_at is not null;

-- Working seconds on the SLA clock from the start of the calendar up to moment `t`, given the
-- calendar row of t's day (see sla_handoffs).
create or replace macro sla_seconds_until(t, seconds_before, workday_start_at, working_seconds) as
    seconds_before + least(greatest(epoch(t) - epoch(workday_start_at), 0), working_seconds);

-- Every handoff of `handoffs` on the SLA clock. Response time = first sales response − handoff,
-- in business hours of the sla_policy version in effect on the handoff day (the latest
-- valid_from on or before it; handoffs before the first version follow the first): its working
-- weekdays and hours, without public holidays. Business time from t1 to t2 is B(t2) − B(t1),
-- where B(t) counts the working seconds of the calendar up to t. Plain clock hours beside it.
-- The response is first_response_at, or where an export lacks it the decision that shows
-- sales answered. A handoff still unanswered at dataset_info.as_of has waited so far, and once
-- that is past the SLA it is a breach already, whenever the answer comes.
create or replace macro sla_handoffs(channels, industries, size_bands, reps) as table
    with handed as (
        select
            *,
            coalesce(first_response_at, accepted_at, rejected_at, opportunity_at) as responded_at,
            (select max(as_of) from dataset_info) as as_of,
        from handoffs(channels, industries, size_bands, reps)
    ),

    days as (
        select unnest(range(first_day, last_day + 1, interval 1 day))::date as day,
        from (
            -- Plain min and max of single columns: answered from row-group statistics.
            select
                min(handoff_at)::date as first_day,
                greatest(
                    max(first_response_at),
                    max(accepted_at),
                    max(rejected_at),
                    (select max(created_at) from deals),
                    (select max(as_of) from dataset_info)
                )::date as last_day,
            from visible_leads()
        )
    ),

    policies as (
        select
            *,
            list_transform(string_split(workdays, ','), lambda d: trim(d)::integer) as weekdays,
        from sla_policy
    ),

    calendar as (
        select
            policies.valid_from,
            days.day,
            days.day + policies.workday_start as workday_start_at,
            case
                when list_contains(policies.weekdays, isodow(days.day))
                    and public_holidays.day is null
                    then epoch(days.day + policies.workday_end)
                        - epoch(days.day + policies.workday_start)
                else 0
            end as working_seconds,
        from policies
        cross join days
        left join public_holidays on public_holidays.day = days.day
    ),

    clock as (
        select
            *,
            coalesce(
                sum(working_seconds) over (
                    partition by valid_from
                    order by day
                    rows between unbounded preceding and 1 preceding
                ),
                0
            ) as seconds_before,
        from calendar
    ),

    day_policy as (
        select
            days.day,
            coalesce(
                max(policies.valid_from), (select min(valid_from) from sla_policy)
            ) as valid_from,
        from days
        left join policies on policies.valid_from <= days.day
        group by days.day
    ),

    handoff_days as (
        -- What a handoff on each day needs: the policy in effect, the clock at that day and
        -- the clock at as_of under that policy, so each handoff needs one join for all three.
        select
            day_policy.day,
            day_policy.valid_from,
            policies.response_hours as sla_hours,
            at_day.seconds_before,
            at_day.workday_start_at,
            at_day.working_seconds,
            sla_seconds_until(
                as_of_moment.as_of,
                at_as_of.seconds_before,
                at_as_of.workday_start_at,
                at_as_of.working_seconds
            ) as as_of_seconds,
        from day_policy
        cross join (select max(as_of) as as_of from dataset_info) as as_of_moment
        join policies on policies.valid_from = day_policy.valid_from
        join clock as at_day
            on at_day.valid_from = day_policy.valid_from and at_day.day = day_policy.day
        left join clock as at_as_of
            on at_as_of.valid_from = day_policy.valid_from
            and at_as_of.day = as_of_moment.as_of::date
    ),

    timed as (
        select
            handed.*,
            handoff_days.sla_hours,
            sla_seconds_until(
                handed.handoff_at,
                handoff_days.seconds_before,
                handoff_days.workday_start_at,
                handoff_days.working_seconds
            ) as handoff_seconds,
            sla_seconds_until(
                handed.responded_at,
                at_response.seconds_before,
                at_response.workday_start_at,
                at_response.working_seconds
            ) as response_seconds,
            handoff_days.as_of_seconds,
        from handed
        left join handoff_days on handoff_days.day = handed.handoff_at::date
        left join clock as at_response
            on at_response.valid_from = handoff_days.valid_from
            and at_response.day = handed.responded_at::date
    ),

    measured as (
        select
            * exclude (handoff_seconds, response_seconds, as_of_seconds),
            -- greatest() skips nulls, so each measure says when it applies. Business hours
            -- need a policy: without one (sla_hours null) they are not measured, not 0.
            case
                when responded_at is not null and sla_hours is not null
                    then greatest(response_seconds - handoff_seconds, 0) / 3600
            end as response_business_hours,
            case
                when responded_at is not null
                    then greatest(epoch(responded_at - handoff_at), 0) / 3600
            end as response_clock_hours,
            case
                when responded_at is null and sla_hours is not null
                    then greatest(as_of_seconds - handoff_seconds, 0) / 3600
            end as waited_business_hours,
            case
                when responded_at is null then greatest(epoch(as_of - handoff_at), 0) / 3600
            end as waited_clock_hours,
        from timed
    )

    select
        *,
        response_business_hours <= sla_hours as answered_within_sla,
        response_business_hours > sla_hours as answered_late,
        waited_business_hours > sla_hours as waiting_past_sla,
        waited_business_hours <= sla_hours as waiting_within_sla,
        coalesce(response_business_hours, waited_business_hours) > sla_hours as sla_breach,
        -- Due: its SLA is decided, by an answer or by the time already waited. Null without
        -- an SLA policy: nothing is due, so compliance is not measured rather than 0 %.
        case
            when sla_hours is not null then not coalesce(waited_business_hours <= sla_hours, false)
        end as sla_due,
        case
            when coalesce(response_business_hours, waited_business_hours) > sla_hours
                then coalesce(response_business_hours, waited_business_hours) - sla_hours
        end as overdue_business_hours,
        case
            when sla_hours is null then null
            when response_business_hours <= sla_hours then 'answered within SLA'
            when response_business_hours > sla_hours then 'answered late'
            when waited_business_hours > sla_hours then 'waiting, past the SLA'
            else 'waiting, within the SLA'
        end as sla_status,
    from measured;
