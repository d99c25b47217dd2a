"""What-if: replay the period's leads under another MQL threshold and other scoring weights."""

import streamlit as st

from leadflow.app import language, page, whatif_view

T = language.translator()

filters = page.start(
    __file__,
    T("What-if"),
    "🧪",
    T(
        "What if the MQL threshold or the scoring weights had been different? The leads created "
        "in the period, replayed touchpoint month by touchpoint month under the current rules "
        "and under your candidate, with what sales really did with the leads it saw."
    ),
)
page.require("leads")
page.default_notes("scoring_rules", "scoring_thresholds")
st.caption(
    T(
        "Channel, industry and company-size filters apply; the rep filter does not (leads a "
        "candidate would newly pass have no rep yet). A lead becomes an MQL in the first month "
        "its score (fit points + touchpoint points so far) reaches the threshold. Outcomes are "
        "history only for leads sales saw: leads sales never saw are **untested**, and what they "
        "might have brought is shown as an **estimate** from leads sales saw with similar scores."
    )
)
replay = whatif_view.open_replay(filters)

st.subheader(T("Candidate rules"))
candidate = whatif_view.candidate_rules(replay)
page.number_in_link("threshold", 1, replay.max_threshold)
page.number_in_link("capacity", 1, 100_000)
whatif_view.simulation(replay, candidate)

st.subheader(T("Suggested weights"))
whatif_view.suggested_weights(replay)

st.subheader(T("Scenarios"))
whatif_view.scenarios_section(replay, candidate)

st.subheader(T("Recommended threshold for a capacity"))
whatif_view.recommendation(replay, candidate)
