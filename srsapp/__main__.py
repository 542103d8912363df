"""``python -m srsapp``: the same as the ``srsapp`` command."""

import sys

from srsapp.cli import main

sys.exit(main())
