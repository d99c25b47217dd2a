"""The app layer: the only code besides app.py and pages/ that imports Streamlit (caching, who
is looking, the sidebar, page parts, tables and charts)."""
