"""Run the fake Graph server by hand: ``python -m tests.fakeplatform --port 8765``.

Then ``GRAPH_API_URL=http://127.0.0.1:8765/v25.0`` and connect with one of the printed tokens;
``curl -X POST 127.0.0.1:8765/_control/add_comment -d '{"post_id": "...", "text": "..."}'``
(JSON body, keyword arguments of ``FakeGraph.<name>``) drives it.
"""

from __future__ import annotations

import argparse
import time

from tests.fakeplatform.server import FakeGraph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    fake = FakeGraph(seed=args.seed, port=args.port).start()
    print(f"fake Graph API on {fake.url}")
    for token, info in fake.state.tokens.items():
        page = fake.state.pages[info.page_id]
        ig = f", Instagram account {page.ig_account_id}" if page.ig_account_id else ""
        print(f"  page {page.id} ({page.name}){ig}: token {token}")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        fake.stop()


if __name__ == "__main__":
    main()
