"""Fixtures for the web app: invented articles, an app over a temporary store, a live server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Three outlets' versions of one invented event, which disagree on numbers, and one
# unrelated invented story. Nothing here comes from the seeds.
FLOOD = [
    {
        "id": "valley-wire",
        "outlet": "Valley Wire",
        "published": "2031-03-04",
        "title": "River Orrin floods 40 homes in Brackwater",
        "text": (
            "The River Orrin burst its banks in Brackwater on Tuesday, flooding 40 homes and closing "
            "the old mill bridge, the town council said. Mayor Idris Fenwick said 120 residents spent "
            "the night in the Brackwater community hall. Repairs to the bridge will cost about "
            '2 million dollars, council engineers estimated. "We have never seen the water this high," '
            "Fenwick told reporters at the hall."
        ),
    },
    {
        "id": "brackwater-echo",
        "outlet": "Brackwater Echo",
        "published": "2031-03-04",
        "title": "Flooding in Brackwater: 65 homes under water",
        "text": (
            "Floodwater from the River Orrin reached 65 homes in Brackwater on Tuesday and the old mill "
            "bridge was closed, according to the town council. Mayor Idris Fenwick said 120 residents "
            "were sheltered overnight in the Brackwater community hall. Council engineers put the cost "
            'of repairing the bridge at 5 million dollars. "We have never seen the water this high," '
            "Fenwick said at the hall."
        ),
    },
    {
        "id": "northern-ledger",
        "outlet": "Northern Ledger",
        "published": "2031-03-05",
        "title": "Brackwater counts the cost after River Orrin flood",
        "text": (
            "Residents of Brackwater began cleaning up on Wednesday after the River Orrin flooded 40 homes "
            "on Tuesday, the town council said. Mayor Idris Fenwick said 300 people had spent the night "
            "in the community hall. The old mill bridge stays closed; engineers said repairs would cost "
            'about 2 million dollars. "The water has never been this high," Fenwick said.'
        ),
    },
]
CHESS = {
    "id": "chess-gazette",
    "outlet": "Chess Gazette",
    "published": "2031-07-19",
    "title": "Teenager Mira Castellane wins the Lowmoor chess open",
    "text": (
        "Sixteen-year-old Mira Castellane won the Lowmoor chess open on Saturday, beating the top seed "
        "in the final round after six hours of play. The tournament drew 212 players from nine countries "
        "to the Lowmoor exhibition centre. Castellane said she had prepared the opening for months with "
        "her coach. Organisers said next year's event would move to a larger venue."
    ),
}


def free_port() -> int:
    """A TCP port free on loopback right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """A real uvicorn server on loopback, running the app in a thread."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(30)


@pytest.fixture(scope="session")
def settings() -> Any:
    from storycheck.config import Settings

    return Settings()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "storycheck.db"


@pytest.fixture
def client(db_path: Path, settings: Any) -> Iterator[Any]:
    """A TestClient over a fresh store; reports are computed when first read."""
    from fastapi.testclient import TestClient

    from storycheck.server.app import create_app

    app = create_app(db_path, settings=settings, background=False)
    with TestClient(app) as test_client:
        yield test_client
