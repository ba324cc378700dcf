"""How gunicorn serves Kemitraan in production: `gunicorn kemitraan.wsgi -c python:kemitraan.gunicorn`
(the Dockerfile's CMD and docker-compose.yml's web). Why these numbers: docs/decisions/0059.

Threaded workers, one process per core: a request is 70–88 % Python (bench/README.md), so more processes
than cores only queue for the CPU, while the rest of a request waits on PostgreSQL, Redis or the client,
and another thread of the same process serves meanwhile. WEB_WORKERS and WEB_THREADS change them.
"""

import os

bind = os.environ.get("WEB_BIND", "0.0.0.0:8000")
worker_class = "gthread"
workers = int(os.environ.get("WEB_WORKERS", len(os.sched_getaffinity(0))))  # the CPUs this container may use
threads = int(os.environ.get("WEB_THREADS", 4))
# A reverse proxy keeps connections open to us: a kept-alive idle connection holds a thread, so not long.
keepalive = 5
accesslog = "-"
