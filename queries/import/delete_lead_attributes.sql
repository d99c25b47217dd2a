-- Import: forget the attributes the import gives anew: of the good imported leads, those named
-- by the mapping (a value emptied in the file is gone after it), or all of them when the import
-- replaces the data. import/insert_lead_attributes writes the new ones after it.
-- Params: $names (the attributes the mapping keeps), $replace.
delete from lead_attributes
where
    $replace
    or (
        list_contains($names, name)
        and lead_id in (select lead_id from staged_leads where len(problems) = 0)
    )
