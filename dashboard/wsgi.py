"""WSGI entry point: ``gunicorn dashboard.wsgi:server``."""

from dashboard.app import create_app
from dashboard.server import warm_up

app = create_app()
warm_up(app)  # before the first visitor, and with gunicorn's preload before the workers fork
server = app.server
