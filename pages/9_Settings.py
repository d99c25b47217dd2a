"""Settings: the team's SLA, holidays, scoring rules, MQL threshold, targets and costs, as CSV."""

import streamlit as st

from leadflow import db, format, i18n, team_settings
from leadflow.app import access, language, page

lang = language.current()
T = language.translator()

page.plain(
    T("Settings"),
    "⚙️",
    T(
        "What the pages measure against: the SLA, public holidays, scoring rules and MQL "
        "threshold, monthly SQL targets and campaign costs. Each is edited as CSV, checked before "
        "anything is written, versioned by its date and logged."
    ),
    managers_only=True,
)
who = access.viewer().email or "open app"
at_default = db.settings_at_default()
known = db.known_setting_values()


def save(setting: str, text: str, *, replace: bool) -> None:
    rows, problems = team_settings.parse(
        setting, text, touchpoint_types=known["touchpoint"], campaigns=known["campaign"]
    )
    for problem in problems:
        (st.warning if problem.warning else st.error)(problem.describe(lang))
    if team_settings.errors(problems):
        st.error(T("Nothing was written."))
        return
    # The log keeps the command line's English; the page says it in the page's language.
    change = team_settings.describe_change(setting, rows, replace=replace)
    db.write_setting(setting, rows, replace=replace, who=who, change=change)
    st.success(T("Saved: {change}.").format(change=team_settings.change_in(change, lang)))


for tab, setting in zip(
    # Only the first letter raised: str.capitalize would write "Sla policy".
    st.tabs(
        [(w := team_settings.words(s, lang))[:1].upper() + w[1:] for s in team_settings.COLUMNS]
    ),
    team_settings.COLUMNS,
):
    with tab:
        if setting in at_default:
            st.caption(
                team_settings.default_note(setting, lang)
                if setting in team_settings.DEFAULT_NOTES
                else T("The default.")
            )
        current = team_settings.to_csv(setting, db.read_setting(setting))
        st.caption(
            T(
                "Columns: {columns}. A new version: add rows with a later date; older rows keep "
                "history's numbers (docs/settings.md)."
            ).format(columns=", ".join(team_settings.COLUMNS[setting]))
        )
        edited = st.text_area(T("Rows (CSV)"), current, height=240, key=f"edit_{setting}")
        if st.button(T("Save"), key=f"save_{setting}", type="primary"):
            save(setting, edited, replace=True)
        st.download_button(
            T("Download as CSV"), current, file_name=f"{setting}.csv", key=f"get_{setting}"
        )
        upload = st.file_uploader(T("Import a CSV file"), type=["csv"], key=f"file_{setting}")
        if upload is not None and st.button(T("Import the file"), key=f"import_{setting}"):
            save(setting, upload.getvalue().decode("utf-8-sig"), replace=False)

st.subheader(T("Changes"))
log = db.settings_log()
st.dataframe(
    log.assign(
        changed_at=[format.day_time(moment, lang) for moment in log["changed_at"]],
        changed_by=[i18n.value(by, lang) for by in log["changed_by"]],
        setting=[team_settings.words(s, lang) for s in log["setting"]],
        change=[team_settings.change_in(c, lang) for c in log["change"]],
    ),
    hide_index=True,
    column_config={
        "changed_at": T("When"),
        "changed_by": T("By"),
        "setting": T("Setting"),
        "change": T("Change"),
        "is_default": st.column_config.CheckboxColumn(
            T("Default"), help=T("The value a new database starts with")
        ),
    },
)
