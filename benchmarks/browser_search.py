"""Browser search + sort time on a synthetic 100k-card collection.

/work/venv/bin/python benchmarks/browser_search.py [N]
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from datetime import UTC, datetime

from sqlalchemy import insert

from srsapp.service.collection import Collection
from srsapp.service.search import fetch_rows, search_card_ids
from srsapp.store.models import Card, Concept, Deck

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
WORDS = "컨테이너 이미지 볼륨 네트워크 docker run build pull push image volume network".split()


def fill(col: Collection, n: int, rng: random.Random) -> None:
    with col.db.transaction() as s:
        s.execute(insert(Deck.__table__), [{"id": 1, "name": "도커 노트", "config": "{}"}])
        concepts = [
            {
                "id": i + 1,
                "deck_id": 1,
                "path": json.dumps(["도커", f"개념 {i}"], ensure_ascii=False),
                "title": f"개념 {i}",
            }
            for i in range(500)
        ]
        s.execute(insert(Concept.__table__), concepts)
        rows = []
        for i in range(n):
            state = rng.choice([0, 0, 1, 2, 2, 2, 3])
            words = " ".join(rng.choice(WORDS) for _ in range(6))
            rows.append(
                {
                    "id": i + 1,
                    "deck_id": 1,
                    "concept_id": rng.randint(1, 500),
                    "key": f"k{i}",
                    "kind": rng.choice(["term", "definition", "command", "cloze"]),
                    "anchor": f"anchor {i}",
                    "front": f'<div class="context">도커</div><p>{words} {i}</p>',
                    "back": f"<p>answer {words}</p>",
                    "extra": "{}",
                    "position": i,
                    "state": state,
                    "due": 0
                    if state == 0
                    else int(NOW.timestamp()) + rng.randint(-86400 * 5, 86400 * 60),
                    "last_review": None
                    if state == 0
                    else int(NOW.timestamp()) - rng.randint(0, 86400 * 30),
                    "stability": None if state == 0 else rng.uniform(0.5, 100),
                    "reps": rng.randint(0, 20),
                    "lapses": rng.randint(0, 4),
                    "suspended": rng.random() < 0.02,
                }
            )
        s.execute(insert(Card.__table__), rows)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        col = Collection.open(tmp, seed=False, rng=random.Random(1))
        col.set_settings(timezone="UTC")
        fill(col, n, random.Random(7))
        queries = [
            ("", "due"),
            ("", "sort"),
            ("docker", "due"),
            ("볼륨", "interval"),
            ('concept:"개념 12"', "due"),
            ("is:due", "due"),
            ("is:review -is:suspended", "stability"),
            ("kind:term 이미지", "concept"),
            ("", "deck"),
        ]
        for q, order in queries:
            search_card_ids(col, q, NOW, order=order)  # warm
            best = 1e9
            for _ in range(3):
                t = time.perf_counter()
                ids = search_card_ids(col, q, NOW, order=order)
                best = min(best, time.perf_counter() - t)
            print(f"{q or '(all)':32} order={order:10} {len(ids):7} ids  {best * 1000:6.1f} ms")
        t = time.perf_counter()
        fetch_rows(col, ids[:200])
        print(f"one page of 200 rows: {(time.perf_counter() - t) * 1000:.1f} ms")
        col.close()


if __name__ == "__main__":
    main()
