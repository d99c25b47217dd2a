"""python -m leadflow.importer: the import's command line (leadflow.importer.cli)."""

import sys

from leadflow.importer.cli import main

sys.exit(main())
