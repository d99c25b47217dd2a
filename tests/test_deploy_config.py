"""Streamlit's protections stay on in the committed configuration, and no secret is tracked."""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_streamlit_protections_are_on():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["enableCORS"] is True
    assert config["client"]["showErrorDetails"] == "none"
    # Uploads are capped on the server (in MB); bigger exports go through the command line.
    assert 0 < config["server"]["maxUploadSize"] <= 500


def git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout


def test_secrets_are_never_tracked():
    tracked = git("ls-files").splitlines()
    assert not [f for f in tracked if Path(f).name == "secrets.toml"]
    # And git would refuse to pick one up by accident.
    assert git("check-ignore", ".streamlit/secrets.toml").strip() == ".streamlit/secrets.toml"
