"""Where an upload is kept: a name the server chooses in the session's folder, never the name
the browser sent."""

from __future__ import annotations

import pytest

from leadflow import importer


@pytest.mark.parametrize(
    "name",
    [
        "/etc/passwd.csv",
        "/tmp/leads.csv",
        "../../../leads.csv",
        "..",
        ".",
        "a/../../leads.csv",
        "sub/leads.csv",
        "..\\..\\leads.csv",
        "C:\\exports\\leads.csv",
        ".hidden.csv",
        "leads.csv\x00.txt",
        "leads\n.csv",
        " leads.csv",
        "",
        "x" * 300 + ".csv",
    ],
)
def test_upload_path_refuses_names_that_are_not_plain(tmp_path, name):
    with pytest.raises(importer.FileProblem, match="not a plain file name"):
        importer.upload_path(tmp_path, name, "file-id-1")


@pytest.mark.parametrize("name", ["leads.duckdb", "mapping.json", "leads", "run.sh"])
def test_upload_path_refuses_kinds_the_importer_does_not_read(tmp_path, name):
    with pytest.raises(importer.FileProblem, match="only .csv, .txt, .tsv, .xlsx, .parquet"):
        importer.upload_path(tmp_path, name, "file-id-1")


def test_upload_path_is_chosen_by_the_server_in_the_sessions_folder(tmp_path):
    kept = importer.upload_path(tmp_path, "HubSpot export (2026) ąę.CSV", "file-id-1")
    # In the folder itself, named from the upload's id, keeping the kind in lowercase.
    assert kept.parent == tmp_path
    assert kept.name.startswith("upload-") and kept.suffix == ".csv"
    assert "HubSpot" not in kept.name
    # The same upload on a rerun: the same file; another upload with the same name: another.
    assert importer.upload_path(tmp_path, "HubSpot export (2026) ąę.CSV", "file-id-1") == kept
    assert importer.upload_path(tmp_path, "HubSpot export (2026) ąę.CSV", "file-id-2") != kept


def test_upload_folder_is_not_taken_from_a_tampered_session(tmp_path):
    database = tmp_path / "data" / "leadflow.duckdb"
    database.parent.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    folder = importer.upload_folder(str(elsewhere), database)
    assert folder.parent == database.parent / ".uploads"
