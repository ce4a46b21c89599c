"""Start the dashboard: ``python -m dashboard [--host H] [--port P]``.

For production use gunicorn (see README); this entry point runs Flask's own server.
"""

from __future__ import annotations

import argparse
import os

from dashboard.app import create_app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description="Weiterbildungskarte")
    parser.add_argument("--host", default=os.environ.get("WBK_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("WBK_PORT", "8050")))
    parser.add_argument("--debug", action="store_true", help="Dash dev tools and reloading")
    args = parser.parse_args(argv)
    create_app().run(host=args.host, port=args.port, debug=args.debug)


if __name__ == "__main__":
    main()
