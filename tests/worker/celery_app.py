"""Pointing the project's Celery app at a test's own Redis for the length of a block."""

from contextlib import contextmanager

from kemitraan.celery import app

KEYS = ("broker_url", "task_always_eager", "broker_transport_options", "result_backend")


def _reset_pool():
    """Forget every pooled broker connection: kombu keeps producer pools in a global registry keyed
    by connection URL, so a closed pool would otherwise be handed to the next test on the same port."""
    from kombu import pools

    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None
    pools.reset()


@contextmanager
def project_app_on(broker_url: str):
    import jobs.tasks  # noqa: F401 — registers the tasks with the app
    import notifications.tasks  # noqa: F401

    saved = {key: app.conf.get(key) for key in KEYS}
    app.conf.update(
        broker_url=broker_url, task_always_eager=False, broker_transport_options={}, result_backend=None
    )
    app.set_current()  # shared_task proxies resolve to the current app
    _reset_pool()
    try:
        yield app
    finally:
        app.conf.update(saved)
        _reset_pool()
