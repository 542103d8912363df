from __future__ import annotations

from srsapp.core.notes.generators import options

from .notes_util import run, texts

HELP = """## docker build

사용 방법은 다음과 같다.

```bash
$ sudo docker build --help

Usage:  docker build [OPTIONS] PATH | URL | -

Options:
      --compress                   Compress the build context using gzip
  -f, --file string                Name of the Dockerfile (Default is 'PATH/Dockerfile')
      --no-cache                   Do not use cache when building the image
  -t, --tag list                   Name and optionally a tag in the 'name:tag' format
```
"""

COLON = """## base64

```
usage: base64.py [-h|-d|-e|-u] [file|-]
        -h: print this help message and exit
        -d, -u: decode
        -e: encode (default)
```
"""


def test_help_output_options_are_asked_by_what_they_do_cued_by_the_program() -> None:
    cards = [texts(c) for c in run(options.generate, HELP)]
    assert (
        "docker build\ndocker build: 다음을 하는 옵션은?\nDo not use cache when building the image",
        "--no-cache",
    ) in cards
    assert any(b == "-f, --file" and "Name of the Dockerfile" in f for f, b in cards)
    # the usage line and headers are no options; "--compress  Compress …" and "--tag … a
    # tag …" name themselves
    assert sorted(b for _, b in cards) == ["--no-cache", "-f, --file"]


def test_short_options_with_a_colon_and_no_list_below_three() -> None:
    cards = [texts(c) for c in run(options.generate, COLON)]
    assert any(f.endswith("decode") and b == "-d, -u" for f, b in cards)
    assert any("base64: which option does this?" in f for f, _ in cards)
    two = COLON.replace("        -e: encode (default)\n", "")
    assert run(options.generate, two) == []


def test_an_option_its_description_names_is_not_asked() -> None:
    text = HELP[: HELP.rindex("```")] + "      --ulimit ulimit              Ulimit options\n```\n"
    backs = [texts(c)[1] for c in run(options.generate, text)]
    assert "--ulimit" not in backs and "--no-cache" in backs


def test_an_option_described_by_a_quoted_sample_value_is_not_asked() -> None:
    from srsapp.core.notes import generate_deck
    from srsapp.core.text import html_to_text

    text = (
        "## base64\n\n```\nusage: base64.py [-h|-d|-e|-u|-t] [file|-]\n"
        "        -h: print this help message and exit\n        -d, -u: decode\n"
        "        -e: encode (default)\n        -t: encode and decode string 'Aladdin:open sesame'\n```\n"
    )
    backs = [html_to_text(c.back) for c in generate_deck(text, "b.md").cards]
    assert "-t" not in backs and "-e" in backs


def test_help_options_and_sample_ranges_are_not_asked() -> None:
    from srsapp.core.notes import generate_deck
    from srsapp.core.text import html_to_text

    text = (
        "## docker build\n\n```\nOptions:\n"
        "      --cpuset-cpus string      CPUs in which to allow execution (0-3, 0,1)\n"
        "      --help                    Print usage\n"
        "      --no-cache                Do not use cache when building the image\n"
        "  -q, --quiet                   Suppress the build output and print image ID on success\n"
        "      --rm                      Remove intermediate containers after a successful build\n```\n"
    )
    backs = [html_to_text(c.back) for c in generate_deck(text, "d.md").cards]
    assert "--no-cache" in backs and "--cpuset-cpus" not in backs and "--help" not in backs
