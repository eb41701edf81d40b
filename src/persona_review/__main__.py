import sys

from persona_review.cli import main

sys.exit(main())
