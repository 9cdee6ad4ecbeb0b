"""The Streamlit settings we ship for a public, read-only deployment."""

from __future__ import annotations

import tomllib

from tests.helpers import ROOT

CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_deployment_config_hides_tracebacks_and_keeps_xsrf():
    """Visitors never see a traceback or a developer's toolbar, XSRF protection stays on, no usage statistics are sent."""
    assert CONFIG["client"]["showErrorDetails"] == "none"
    assert CONFIG["client"]["toolbarMode"] == "viewer"
    assert CONFIG["server"]["enableXsrfProtection"] is True
    assert CONFIG["browser"]["gatherUsageStats"] is False
