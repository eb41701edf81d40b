import sys

from persona_review.gc_pacing import pace_short_run

pace_short_run()  # before the command's modules are imported

from persona_review.cli import main  # noqa: E402

sys.exit(main())
