"""Load on the callback endpoint: each simulated user replays "select a Land" flows.

A flow is what the browser sent after one change of the Land select box, captured by
``benchmarks/run.py``: the ``update_view`` POST and the POSTs of the callbacks that
follow it (the browser sends those concurrently; a user here sends them one after the
other, without think time). ``WBK_FLOWS`` names the JSON file with the flows.

    WBK_FLOWS=flows.json locust -f benchmarks/locustfile.py --headless -u 50 -r 50 -t 20s \\
        --host http://127.0.0.1:8050
"""

from __future__ import annotations

import json
import os
import random

from locust import FastHttpUser, task

ENDPOINT = "/_dash-update-component"
HEADERS = {"Content-Type": "application/json", "Accept": "application/json", "Accept-Encoding": "gzip, br"}

with open(os.environ["WBK_FLOWS"], encoding="utf-8") as handle:
    FLOWS: list[list[dict]] = json.load(handle)


class DashboardUser(FastHttpUser):
    """One client without think time; each task is one "select a Land" flow."""

    @task
    def select_a_land(self) -> None:
        for request in random.choice(FLOWS):
            with self.client.post(ENDPOINT, data=request["body"], headers=HEADERS, name=request["name"],
                                  catch_response=True) as response:
                if response.status_code == 204:  # PreventUpdate: a valid answer
                    continue
                if response.status_code != 200:
                    response.failure(f"HTTP {response.status_code}")
                elif b'"response"' not in response.content:
                    response.failure("no callback response in the body")
