"""'::' deck names on the command line: the deck tree, --deck naming a subdeck."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from srsapp.cli import main
from srsapp.interchange.apkg_write import write_package
from tests.builders import small_package


def test_subdecks_are_listed_and_named_with_colons(tmp_path: Path, capsys: Any) -> None:
    data = str(tmp_path / "data")
    apkg = tmp_path / "h.apkg"
    write_package(small_package(), apkg)  # one Anki deck "H::x"
    csv = tmp_path / "c.csv"
    csv.write_text("front,back\nhello,world\n", encoding="utf-8")
    assert main(["--data-dir", data, "import", str(apkg)]) == 0
    assert main(["--data-dir", data, "import", str(csv), "--deck", "Lang::Words"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", data, "decks", "--json"]) == 0
    names = [d["name"] for d in json.loads(capsys.readouterr().out)]
    assert names == ["H", "H::x", "Lang", "Lang::Words", "docker-notes"]
    assert main(["--data-dir", data, "decks"]) == 0
    assert "\n  x " in capsys.readouterr().out  # the subdeck under its deck
    assert main(["--data-dir", data, "stats", "--deck", "H::x", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert [c["path"] for c in stats["concepts"] if c["cards"]] == [["x"]]
    assert (
        main(["--data-dir", data, "export", str(tmp_path / "w.csv"), "--deck", "Lang::Words"]) == 0
    )
    assert "2 cards" in capsys.readouterr().out  # the two rows of c.csv
    assert main(["--data-dir", data, "export", str(tmp_path / "x.csv"), "--deck", "H::x"]) != 0
    assert "export --deck 'H'" in capsys.readouterr().err
    assert main(["--data-dir", data, "stats", "--deck", "Nope::x"]) != 0
    assert "no deck named 'Nope::x'" in capsys.readouterr().err
