"""Allow ``python -m holdmetight``."""

import sys

from holdmetight.cli import main

sys.exit(main())
