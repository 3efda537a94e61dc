"""The frozen application's entry point: the same ``main`` as the ``holdmetight`` command."""

import sys

from holdmetight.cli import main

sys.exit(main())
