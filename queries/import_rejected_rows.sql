-- The rows one import set aside, each problem with the row as written. Grain: problem.
-- Params: $import_id.
with final as (
    select file, line, target_table, column_name, value, problem, record,
    from import_rejects
    where import_id = $import_id
)

select * from final
order by file, line, column_name
