"""Settings: the team's SLA, holidays, scoring rules, MQL threshold, targets and costs, as CSV."""

import streamlit as st

from leadflow import db, team_settings
from leadflow.app import access, page

page.plain(
    "Settings",
    "⚙️",
    "What the pages measure against: the SLA, public holidays, scoring rules and MQL threshold, "
    "monthly SQL targets and campaign costs. Each is edited as CSV, checked before anything is "
    "written, versioned by its date and logged.",
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
        (st.warning if problem.warning else st.error)(str(problem))
    if team_settings.errors(problems):
        st.error("Nothing was written.")
        return
    change = team_settings.describe_change(setting, rows, replace=replace)
    db.write_setting(setting, rows, replace=replace, who=who, change=change)
    st.success(f"Saved: {change}.")


for tab, setting in zip(
    st.tabs([team_settings.WORDS[s].capitalize() for s in team_settings.COLUMNS]),
    team_settings.COLUMNS,
):
    with tab:
        if setting in at_default:
            st.caption(team_settings.DEFAULT_NOTES.get(setting, "The default."))
        current = team_settings.to_csv(setting, db.read_setting(setting))
        st.caption(
            f"Columns: {', '.join(team_settings.COLUMNS[setting])}. A new version: add rows with "
            "a later date; older rows keep history's numbers (docs/settings.md)."
        )
        edited = st.text_area("Rows (CSV)", current, height=240, key=f"edit_{setting}")
        if st.button("Save", key=f"save_{setting}", type="primary"):
            save(setting, edited, replace=True)
        st.download_button(
            "Download as CSV", current, file_name=f"{setting}.csv", key=f"get_{setting}"
        )
        upload = st.file_uploader("Import a CSV file", type=["csv"], key=f"file_{setting}")
        if upload is not None and st.button("Import the file", key=f"import_{setting}"):
            save(setting, upload.getvalue().decode("utf-8-sig"), replace=False)

st.subheader("Changes")
st.dataframe(db.settings_log(), hide_index=True)
