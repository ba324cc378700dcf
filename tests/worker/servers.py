"""Throwaway servers a test starts and stops itself: Redis on its own port (never the shared one),
a real SMTP server (aiosmtpd), and `celery worker` subprocesses."""

import os
import random
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from email import message_from_bytes
from email.message import Message
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
FIRST_PORT = 56390


def free_port(start: int = FIRST_PORT, span: int = 500) -> int:
    """A port in [start, start + span) on which nothing listens, picked at random: several test runs
    (a developer's and CI's) share this machine, and a Redis this test stops and restarts must not
    find its port taken by another run's server in between."""
    candidates = list(range(start, start + span))
    random.shuffle(candidates)
    for port in candidates:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port")


def wait_until(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.1)
    return result


class RedisServer:
    """A redis-server on its own port that can be stopped and started again on that same port."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self._answers, 10, f"redis on port {self.port}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None
        wait_until(lambda: not self._answers(), 10, "redis to stop")

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False


@contextmanager
def redis_server():
    server = RedisServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


class _Collector:
    def __init__(self, reply: str):
        self.reply = reply
        self.messages: list[tuple[list[str], Message]] = []
        self.refused = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 — aiosmtpd's hook name
        if not self.reply.startswith("250"):
            self.refused += 1
            return self.reply
        self.messages.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content)))
        return "250 OK"


@contextmanager
def _serving(collector):
    from aiosmtpd.controller import Controller

    port = free_port(FIRST_PORT + 500)
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


@contextmanager
def smtp_server():
    """A real SMTP server on a free port; yields (port, list of (recipients, parsed message))."""
    collector = _Collector("250 OK")
    with _serving(collector) as port:
        yield port, collector.messages


@contextmanager
def refusing_smtp_server(reply: str):
    """A real SMTP server that answers every message with `reply` (e.g. "451 4.3.0 Coba lagi nanti")
    and keeps none; yields (port, collector), whose `refused` counts the messages it turned away."""
    collector = _Collector(reply)
    with _serving(collector) as port:
        yield port, collector


def start_worker(name: str, env: dict[str, str], log: Path) -> subprocess.Popen:
    """A `celery worker` process of the project in a session of its own (so stopping ends its children)."""
    full_env = {**os.environ, **env, "PYTHONPATH": str(BASE_DIR), "PYTHONUNBUFFERED": "1"}
    for name_ in ("PYTEST_XDIST_WORKER", "KEMITRAAN_TEST_TMP", "TEST_DB_NAME", "REDIS_URL"):
        if name_ not in env:
            full_env.pop(name_, None)
    celery = str(Path(sys.executable).parent / "celery")
    with open(log, "wb") as out:
        return subprocess.Popen(
            [celery, "-A", "kemitraan", "worker", "--pool=solo", "--loglevel=INFO", "-n", f"{name}@%h",
             "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=BASE_DIR, env=full_env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip


def stop_process(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)
