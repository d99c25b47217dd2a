"""Import data: bring a CRM export in, map its columns, check it, import the good rows or none."""

import glob
import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st

from leadflow import db, format, i18n, importer
from leadflow.app import cache, language, markup, page
from leadflow.app.filters import forget_carried
from leadflow.importer import mapping as mappings
from leadflow.importer import polish, preview

lang = language.current()
T = language.translator()

page.plain(
    T("Import data"),
    "📥",
    T(
        "Bring in your own CRM export (HubSpot, Salesforce, Pipedrive or a spreadsheet): map its "
        "columns to ours, check every row, then import the good rows, or nothing."
    ),
    managers_only=True,
)
# The choices' values stay English (the editors' keys are made of them); they are shown in the
# page's language.
SUGGESTED = "Suggested from the column names"
UPLOADED = "A mapping file you upload (JSON)"
TABLE_NAMES = (
    polish.TABLES_PL
    if lang == "pl"
    else {"leads": "Leads", "touchpoints": "Touchpoints", "deals": "Deals",
          "campaigns": "Campaigns"}
)  # fmt: skip


IMPORT_MODES = {"update": "update", "replace": "replace"}
# English as it was ("Download all 1 problems"); Polish with its three forms.
PROBLEM_WORDS = {"en": ("problems", "problems", None), "pl": ("problem", "problemów", "problemy")}


def said(text: str) -> str:
    """An importer's message (a note, a file's error, a doubt) in the page's language, as
    plain text: the file names and values in it are the user's."""
    return markup.text(polish.message(text, lang))


st.subheader(T("1. Your files"))
uploads = st.file_uploader(
    T(
        "CSV (any delimiter, UTF-8, UTF-16 or Windows-1250), Excel (.xlsx) or Parquet; several "
        "files of one export at once, e.g. contacts and deals"
    ),
    type=["csv", "txt", "tsv", "xlsx", "parquet"],
    accept_multiple_files=True,
    key="files",
)
if db.has_table("import_log"):
    history = cache.query("import_history")
    if not history.empty:
        with st.expander(
            T("Earlier imports into this database ({n})").format(n=format.count(len(history), lang))
        ):
            st.dataframe(
                history.assign(
                    files=[", ".join(f) for f in history["files"]],
                    finished_at=[format.day_time(m, lang) for m in history["finished_at"]],
                    mode=[T(IMPORT_MODES.get(m, m)) for m in history["mode"]],
                ).drop(columns=["import_id", "summary"]),
                hide_index=True,
                width="stretch",
                column_config={
                    "finished_at": T("When"),
                    "mapping": T("Mapping"),
                    "files": T("Files"),
                    "mode": T("Mode"),
                    "rows_imported": st.column_config.NumberColumn(
                        T("Rows imported"), format="localized"
                    ),
                    "rows_set_aside": st.column_config.NumberColumn(
                        T("Set aside"), format="localized"
                    ),
                },
            )
if not uploads:
    st.info(
        T(
            "Nothing uploaded yet. Bigger exports import faster from the command line, with the "
            "app stopped: `python -m leadflow.importer --mapping mappings/<name>.json file.csv …` "
            "(add `--dry-run` to check only)."
        )
    )
    st.stop()

# Uploads are kept on disk for this session, where DuckDB reads them.
folder = importer.upload_folder(st.session_state.get("upload_dir"), db.database_path())
st.session_state["upload_dir"] = str(folder)
files: dict[str, Path] = {}
for upload in uploads:
    # The browser's name is a label only: the file is kept under a name the server chose.
    try:
        target = importer.upload_path(folder, upload.name, upload.file_id)
    except importer.FileProblem as problem:
        st.error(said(str(problem)))
        continue
    if not target.exists():
        with target.open("xb") as out:  # never through a link someone left there
            out.write(upload.getbuffer())
    files[upload.name] = target

inspected: dict[str, importer.SourceFile] = {}
for name, path in files.items():
    try:
        inspected[name] = importer.inspect(path, name)
    except importer.FileProblem as problem:
        st.error(said(str(problem)))
if not inspected:
    st.stop()
st.dataframe(
    pd.DataFrame(
        [
            {
                "file": s.name,
                "kind": {"csv": "CSV", "xlsx": "Excel", "parquet": "Parquet"}[s.kind],
                "read as": T(importer.ENCODING_NAMES.get(s.encoding, s.encoding))
                + (
                    T(", {delimiter}-delimited").format(
                        delimiter=T(importer.DELIMITER_NAMES[s.delimiter])
                    )
                    if s.kind == "csv"
                    else ""
                ),
                "columns": ", ".join(s.headers),
            }
            for s in inspected.values()
        ]
    ),
    hide_index=True,
    width="stretch",
    column_config={
        "file": T("File"),
        "kind": T("Kind"),
        "read as": T("Read as"),
        "columns": T("Columns"),
    },
)

st.subheader(T("2. Which column is which"))
choices = [SUGGESTED, UPLOADED, *mappings.available()]
choice = st.selectbox(
    T("Mapping"),
    choices,
    key="mapping_choice",
    format_func=lambda c: T(c) if c in (SUGGESTED, UPLOADED) else c,
    help=T(
        "A preset for HubSpot, Salesforce, Pipedrive or one of the sample datasets, one you "
        "saved or downloaded from this page, or one suggested from the column names."
    ),
)
doubts: list[str] = []
if choice == SUGGESTED:
    chosen = mappings.suggest({n: s.headers for n, s in inspected.items()}, doubts)
    if chosen.name != "suggested":
        st.caption(
            T("The files' columns match the **{name}** mapping.").format(
                name=markup.text(chosen.name)
            )
        )
elif choice == UPLOADED:
    given = st.file_uploader(
        T("Your mapping (JSON), as downloaded from this page or saved for the command line"),
        type=["json"],
        key="mapping_file",
    )
    if given is None:
        st.info(T("Upload the mapping's JSON file; its columns are then shown here to check."))
        st.stop()
    try:
        chosen = mappings.read(given.getvalue(), given.name)
    except mappings.MappingError as error:
        st.error(T("{file} cannot be used as a mapping:").format(file=markup.text(given.name)))
        for problem in error.problems:
            st.error(markup.text(problem))
        st.stop()
else:
    try:
        chosen = mappings.load(mappings.available()[choice])
    except mappings.MappingError as error:
        for problem in error.problems:
            st.error(markup.text(problem))
        st.stop()
    except OSError as error:
        st.error(
            markup.text(T("{file}: cannot be read ({why})").format(file=choice, why=error.strerror))
        )
        st.stop()
if chosen.description:
    st.caption(markup.text(chosen.description))
for note in chosen.notes:
    st.markdown(f"- {said(note)}")
for doubt in doubts:  # where the suggestion is unsure, the page says so rather than guess
    st.warning(said(doubt))


def files_of(key: str) -> list[str]:
    rule = chosen.files.get(key)
    return [n for n in inspected if rule is not None and rule.matches(n)]


unassigned = [n for n in inspected if not any(r.matches(n) for r in chosen.files.values())]
for name in unassigned:
    # A table whose file is not among the uploads is free for one of them too.
    free = [
        t for t in mappings.TARGETS if t not in chosen.tables or not files_of(chosen.tables[t].file)
    ]
    table = st.selectbox(
        T("{file} holds").format(file=markup.text(name)),
        ["(not imported)", *free],
        format_func=lambda t: TABLE_NAMES.get(t, T(t)),
        key=f"holds_{name}",
    )
    if table != "(not imported)":
        key = Path(name).stem
        while key in chosen.files:
            key += "_file"
        # The name as a pattern that matches itself only ("export [1].csv" has brackets).
        chosen.files[key] = mappings.FileRule(match=[glob.escape(name)])
        chosen.tables[table] = mappings.TableRule(
            file=key, columns=mappings.suggest_columns(table, inspected[name].headers)
        )

for table, rule in list(chosen.tables.items()):
    sources = files_of(rule.file)
    if not sources:
        patterns = markup.text(", ".join(chosen.files[rule.file].match))
        st.caption(
            T("{table}: no uploaded file like {patterns}: not imported.").format(
                table=TABLE_NAMES[table], patterns=patterns
            )
        )
        continue
    headers = inspected[sources[0]].headers
    with st.expander(f"{TABLE_NAMES[table]} ← {markup.text(', '.join(sources))}", expanded=True):
        either = T(" or ")
        left_out = [
            T("{column} is {values}").format(column=h, values=either.join(v))
            for h, v in rule.skip_rows.items()
        ] + [
            T("{column} is not {values}").format(column=h, values=either.join(v))
            for h, v in rule.keep_rows.items()
        ]
        if left_out:
            st.caption(
                T("Rows left out by the mapping: {rules}.").format(
                    rules=markup.text("; ".join(left_out))
                )
            )
        frame = mappings.columns_frame(table, rule)
        shown = frame.assign(
            holds=[polish.holds(h, lang) for h in frame["holds"]],
            also=[polish.also(a, lang) for a in frame["also"]],
        )
        edited = st.data_editor(
            shown,
            key=f"columns_{choice}_{table}_{rule.file}",
            hide_index=True,
            width="stretch",
            height=35 * (len(frame) + 1) + 3,
            disabled=["column", "holds", "also"],
            column_config={
                "column": T("Our column"),
                "holds": st.column_config.TextColumn(T("Holds"), width="medium"),
                "theirs": st.column_config.SelectboxColumn(
                    T("Their column"),
                    options=["", *headers],
                    help=T("The column of your file that fills it"),
                ),
                "fixed": st.column_config.TextColumn(
                    T("Or a fixed value"),
                    help=T("The same value on every row, when your file lacks it"),
                ),
                "date_format": st.column_config.TextColumn(
                    T("Date format"),
                    help=T(
                        "Date columns only (those named …_at): how your file writes them, in "
                        "strptime codes, e.g. %Y%m%d for 20260105 or %m/%d/%Y %I:%M %p, or excel "
                        "for Excel's serial day numbers. Empty: ISO dates (2026-01-05) and the "
                        "usual formats."
                    ),
                ),
                "also": st.column_config.TextColumn(T("Also"), width="medium"),
            },
        )
        rule = mappings.apply_columns(table, rule, edited)
        for (value_table, column), ours in mappings.OUR_VALUES.items():
            spec = rule.columns.get(column)
            if value_table != table or spec is None or not spec.columns:
                continue
            theirs = importer.column_values(inspected[sources[0]], spec.columns[0])
            if not theirs:  # a common export: no lead was rejected, no deal lost
                st.caption(
                    T("**{column}**: the file's column is empty; nothing to map").format(
                        column=column
                    )
                )
                continue
            current = {k.lower(): v for k, v in rule.values.get(column, {}).items()}
            fallback = current.get("*")
            # Typed, so a column of no mapped values is still text to the editor, not floats.
            frame = pd.DataFrame(
                {
                    "theirs": pd.Series([v for v, _ in theirs], dtype=object),
                    "rows": pd.Series([n for _, n in theirs], dtype="int64"),
                    "ours": pd.Series(
                        [
                            current.get(v.lower(), fallback or (v if v in ours else None))
                            for v, _ in theirs
                        ],
                        dtype=object,
                    ),
                }
            )
            st.markdown(T("**{column}**: their values → ours").format(column=markup.text(column)))
            values = st.data_editor(
                frame,
                key=f"values_{choice}_{table}_{column}",
                hide_index=True,
                disabled=["theirs", "rows"],
                column_config={
                    "theirs": T("Their value"),
                    "rows": st.column_config.NumberColumn(T("Rows"), format="localized"),
                    "ours": st.column_config.SelectboxColumn(T("Ours"), options=ours)
                    if column == "stage"
                    else st.column_config.TextColumn(T("Ours")),
                },
            )
            rule.values = {
                **{k: v for k, v in rule.values.items() if k != column},
                column: {
                    **({"*": fallback} if fallback else {}),
                    # An empty cell comes back as None or NaN (truthy): not a value of ours.
                    **{
                        t: o
                        for t, o in zip(values["theirs"], values["ours"])
                        if isinstance(o, str) and o
                    },
                },
            }
        chosen.tables[table] = rule

if chosen.tables:  # what the page built must load again, from the file it saves
    try:
        mappings.Mapping.from_dict(chosen.to_dict())
    except mappings.MappingError as error:
        for problem in error.problems:
            st.error(markup.text(problem))
        st.stop()

with st.expander(T("Save this mapping for next time, or for the command line")):
    name = st.text_input(T("Name"), value=chosen.name if choice != SUGGESTED else "my_crm")
    left, right = st.columns(2)
    if left.button(T("Save mapping")):
        chosen.name = mappings.safe_name(name)
        saved = chosen.save(mappings.SAVED / f"{chosen.name}.json")
        command = (
            f"python -m leadflow.importer --mapping {saved.relative_to(db.ROOT)} {' '.join(files)}"
        )
        st.success(
            T("Saved as {file}. Import with it from the command line: {command}").format(
                file=markup.code(saved.relative_to(db.ROOT)), command=markup.code(command)
            )
        )
    right.download_button(
        T("Download the mapping (JSON)"),
        data=chosen.to_json(),
        file_name=f"{mappings.safe_name(name)}.json",
        mime="application/json",
    )

st.subheader(T("3. Check"))
info = cache.query("data_range").iloc[0]
leads_now = int(info["leads"] or 0)
mode = "update"
if leads_now:  # with nothing loaded there is nothing to keep or replace
    mode = st.radio(
        T("The data already loaded"),
        ["update", "replace"],
        index=0,  # the choice that removes nothing
        format_func={
            "replace": T("Replace it ({source}) with these files").format(
                source=i18n.value(info["source"], lang)
            ),
            "update": T("Keep it ({leads}): add the new ids, update the ones it has").format(
                leads=polish.counted(leads_now, "leads", lang)
            ),
        }.get,
        key="mode",
    )
paths = [files[n] for n in inspected]
names = {files[n]: n for n in inspected}
fingerprint = hashlib.sha1(
    (chosen.to_json() + mode + "".join(u.file_id for u in uploads)).encode()
).hexdigest()
if st.button(T("Check the files"), type="primary"):
    with st.spinner(T("Reading and checking every row…")):
        st.session_state["checked"] = (
            fingerprint,
            importer.run(paths, chosen, names=names, mode=mode, write=False),
        )
checked = st.session_state.get("checked")
if not checked or checked[0] != fingerprint:
    st.caption(T("Nothing is written until you choose to import, after the check."))
    st.stop()
report: importer.Report = checked[1]


def show(report: importer.Report, key: str) -> None:
    for error in report.file_errors:
        st.error(said(error))
    if report.rows:
        tiles = st.columns(len(report.rows) + 1)
        for tile, (table, rows) in zip(tiles, report.rows.items()):
            tile.metric(
                T("{table}: good rows").format(table=TABLE_NAMES[table]),
                format.count(report.good.get(table, 0), lang),
                help=T("of {rows} the mapping took").format(rows=polish.of_rows(rows, lang)),
                border=True,
            )
        tiles[-1].metric(T("Rows with problems"), format.count(report.bad_rows, lang), border=True)
    notes = [n for n in report.notes if n not in chosen.notes]
    if notes:
        st.markdown("\n".join(f"- {said(n)}" for n in notes))
    if report.problems:
        problems = report.problems_frame().head(1_000)
        st.dataframe(
            # The frame around each value in the page's language; the value as the file has it.
            problems.assign(problem=[polish.problem(p, lang) for p in problems["problem"]]),
            hide_index=True,
            width="stretch",
            column_config={
                "file": st.column_config.TextColumn(T("File"), width="small"),
                "line": st.column_config.NumberColumn(T("Line"), format="%d", width="small"),
                "table": st.column_config.TextColumn(T("Table"), width="small"),
                "column": T("Column"),
                "value": T("Value"),
                "problem": st.column_config.TextColumn(T("What is wrong"), width="large"),
            },
        )
        st.download_button(
            T("Download all {problems} as CSV").format(
                problems=format.counted(
                    len(report.problems),
                    PROBLEM_WORDS[lang][0],
                    PROBLEM_WORDS[lang][1],
                    lang,
                    PROBLEM_WORDS[lang][2],
                )
            ),
            data=report.problems_csv(),
            file_name="import_problems.csv",
            mime="text/csv",
            key=f"{key}_problems",
        )


show(report, "checked")
if report.file_errors:
    st.warning(T("Nothing can be imported until the files fit the mapping."))
    st.stop()
if report.good_rows == 0:
    st.error(
        T(
            "No row can be imported: every row has a problem (listed above). Fix the file, or "
            "the mapping in step 2, and check again. Nothing has been written."
        )
    )
    st.stop()

st.subheader(T("4. What your data will give"))
st.caption(
    T("Counted over the good rows of these files, as the pages will count them")
    + (T("; the data already loaded adds to them.") if mode == "update" and leads_now else ".")
)
stages = preview.funnel(report.preview, lang)
for tile, (stage, leads, meaning) in zip(st.columns(len(stages)), stages):
    tile.metric(stage, format.count(leads, lang), help=meaning, border=True)
st.markdown(
    "\n".join(
        f"- {':green[:material/check_circle:]' if line.ready else ':orange[:material/warning:]'} "
        f"**{line.page}**: {line.text}"
        for line in preview.readiness(report.preview, lang)
    )
)

st.subheader(T("5. Import"))
choice_bad = "set_aside"
if report.bad_rows:
    choice_bad = st.radio(
        T("Some rows have problems"),
        ["set_aside", "refuse"],
        format_func={
            "set_aside": T(
                "Import the good ones ({good}) and set the bad ones aside ({bad}, kept in the "
                "import_rejects table and in the CSV above)"
            ).format(
                good=polish.counted(report.good_rows, "rows", lang),
                bad=polish.counted(report.bad_rows, "rows", lang),
            ),
            "refuse": T("Import nothing"),
        }.get,
        key="bad_rows",
    )
if choice_bad != "refuse":
    what = ", ".join(
        polish.counted(n, t, lang) for t in report.rows if (n := report.good.get(t, 0))
    )
    st.caption(
        (
            T("Replaces the data loaded now with {what}")
            if mode == "replace"
            else T("Adds or updates {what}")
        ).format(what=what)
        + T(
            ", in one transaction: every page shows the data as it was until the import is done, "
            "and the new data after."
        )
    )
confirmed = True
if mode == "replace" and leads_now:
    confirmed = st.checkbox(
        (
            T("Replace: the 1 lead now in the database is removed")
            if leads_now == 1
            else T("Replace: the {leads} now in the database are removed").format(
                leads=polish.counted(leads_now, "leads", lang)
            )
        )
        + T(", with the touchpoints, deals, campaigns and campaign costs"),
        key="confirm_replace",
    )
    if not confirmed:
        st.caption(T("Tick the box to replace the data loaded now, or keep it (step 3)."))
if st.button(T("Import"), type="primary", disabled=choice_bad == "refuse" or not confirmed):
    with st.spinner(
        T("Importing in one transaction: the pages show the old data until it is done…")
    ):
        try:
            result = importer.run(paths, chosen, names=names, mode=mode, bad_rows=choice_bad)
        except db.DatabaseBusy as busy:
            st.error(markup.text(str(busy)))
            st.stop()
    if result.written:
        forget_carried()
        st.success(
            T("Imported {rows}").format(rows=polish.counted(result.good_rows, "rows", lang))
            + (
                T("; {n} set aside").format(n=format.count(result.bad_rows, lang))
                if result.bad_rows
                else ""
            )
            + T(". Every page now shows the new data.")
        )
        st.page_link(
            "pages/1_Funnel.py",
            label=T("See the funnel of your data"),
            icon="🔻",
            query_params=page.link_params(lang),
        )
    else:
        st.error(
            T("Nothing was written: {why}.").format(
                why=markup.text(T(result.refused or "the files do not match the mapping"))
            )
        )
        show(result, "refused")
