"""What every handler needs, kept on `app.state.storycheck`."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request

from ..config import IngestSettings, Settings
from ..store import Store


@dataclass(frozen=True)
class ServerState:
    """The store and the settings of one running app.

    Attributes:
        store: the database with its engine and report cache.
        settings: resolved settings.
        ingest: the ingest section with the server's article size limit applied.
        token: the access token, when one is required.
    """

    store: Store
    settings: Settings
    ingest: IngestSettings
    token: str | None = None


def state_of(request: Request) -> ServerState:
    """The ServerState of the app serving `request`."""
    state: ServerState = request.app.state.storycheck
    return state
