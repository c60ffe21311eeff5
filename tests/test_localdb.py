"""The local Neo4j server the project runs without Docker (the suite's own `test` instance)."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from service import localdb
from service.settings import LocalNeo4jSettings, Settings


@pytest.fixture
def instance(settings: Settings) -> localdb.Instance:
    return localdb.Instance(settings.localdb, settings.neo4j.password.get_secret_value())


def test_start_is_idempotent(instance: localdb.Instance) -> None:
    # The session already started it: a second start does nothing and returns at once.
    assert localdb.start(instance) == 0.0
    assert localdb.status(instance).startswith("ready: pid ")


def test_conf_is_rendered_for_the_instance(instance: localdb.Instance) -> None:
    conf = (instance.conf_dir / "neo4j.conf").read_text()
    assert f"server.bolt.listen_address=127.0.0.1:{instance.settings.bolt_port}" in conf
    assert "server.memory.heap.max_size=512m" in conf


@pytest.fixture
def taken_port() -> Iterator[int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def test_port_taken_by_a_stranger_is_a_clear_error(settings: Settings, taken_port: int) -> None:
    local = LocalNeo4jSettings(
        home=settings.localdb.home, instance="stranger", bolt_port=taken_port
    )
    inst = localdb.Instance(local, "irrelevant-password")
    with pytest.raises(localdb.LocalDbError, match=f"port {taken_port} is taken"):
        localdb.start(inst)


def test_status_of_a_stopped_instance(settings: Settings) -> None:
    local = LocalNeo4jSettings(home=settings.localdb.home, instance="never-started", bolt_port=7999)
    assert localdb.status(localdb.Instance(local, "x")).startswith("stopped")
    assert localdb.stop(localdb.Instance(local, "x")) is False
