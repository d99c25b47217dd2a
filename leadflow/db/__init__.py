"""The data layer, the only code that imports duckdb: the database file, the connection and
what a page's cursor may run, the queries/*.sql it runs in the viewer's scope, and the tables
of settings and users. The import's engine is leadflow.db.importing."""

from leadflow.db.building import TABLES, building_database, create_database
from leadflow.db.connection import (
    EVERYONE,
    NOBODY,
    QueryTimedOut,
    Scope,
    close,
    data_version,
    duckdb_error,
    export_csv,
    has_table,
    insert_frame,
    reading,
    run,
    run_arrays,
    run_arrays_together,
    table,
)
from leadflow.db.files import (
    DEFAULT_PATH,
    IMPORTS,
    QUERIES,
    ROOT,
    UPLOADS,
    clear_leftovers,
    database_path,
    import_work_folder,
    query_names,
    readable_folders,
    sql_text,
)
from leadflow.db.lockdown import StatementRefused
from leadflow.db.publishing import DatabaseBusy
from leadflow.db.settings_tables import (
    create_empty_database,
    known_setting_values,
    read_setting,
    settings_at_default,
    settings_log,
    write_setting,
)
from leadflow.db.users import replace_app_users

__all__ = [
    "DEFAULT_PATH", "EVERYONE", "IMPORTS", "NOBODY", "QUERIES", "ROOT", "TABLES", "UPLOADS",
    "DatabaseBusy", "QueryTimedOut", "Scope", "StatementRefused", "building_database",
    "clear_leftovers", "close", "create_database", "create_empty_database", "data_version",
    "database_path", "duckdb_error", "export_csv", "has_table", "import_work_folder",
    "insert_frame", "known_setting_values", "query_names", "read_setting", "readable_folders",
    "reading", "replace_app_users", "run", "run_arrays", "run_arrays_together",
    "settings_at_default", "settings_log", "sql_text", "table", "write_setting",
]  # fmt: skip
