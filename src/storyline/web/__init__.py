"""The web app and JSON API (needs the ``web`` extra: fastapi, uvicorn, python-multipart)."""

from storyline.web.app import create_app

__all__ = ["create_app"]
