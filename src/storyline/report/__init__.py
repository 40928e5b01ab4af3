"""The static dossier: ``dossier.json`` and a self-contained ``dossier.html``."""

from __future__ import annotations

from storyline.report.dossier import dossier_data, render_html, write_dossier

__all__ = ["dossier_data", "render_html", "write_dossier"]
