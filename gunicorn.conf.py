"""gunicorn settings for production: ``gunicorn dashboard.wsgi:server`` picks this file up.

Workers are stateless (all view state is in the URL, data is read from disk), so more
workers or more machines behind a load balancer simply add capacity.
"""

import multiprocessing
import os

bind = f"{os.environ.get('WBK_HOST', '0.0.0.0')}:{os.environ.get('WBK_PORT', '8050')}"
workers = int(os.environ.get("WBK_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("WBK_THREADS", "2"))
timeout = 30
preload_app = True  # load data once, then fork: faster start, shared memory
accesslog = "-"
# gunicorn 27 opens a control socket in ~/.gunicorn by default; two instances of one user would
# remove each other's. The dashboard needs none.
control_socket_disable = True
