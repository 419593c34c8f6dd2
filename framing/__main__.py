"""``python -m framing``: the same command as ``framing``."""

import sys

from framing.cli import main

sys.exit(main())
