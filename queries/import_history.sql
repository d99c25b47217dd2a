-- The imports into this database, newest first: when, with which mapping and files, what was
-- imported and set aside. Grain: import. Params: none. (import_log exists after a first import.)
with final as (
    select
        import_id,
        finished_at,
        mapping,
        files,
        mode,
        rows_imported,
        rows_set_aside,
        summary,
    from import_log
)

select * from final
order by finished_at desc, import_id
