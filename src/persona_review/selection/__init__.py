"""Recognising what a changed file is: backend code, frontend code, a test, by language, path and content.

`triggers.select_files` asks these detectors before it consults a persona's own globs and keywords:
- `testcode`: test files and test data (skipped with reason `test` unless `include-tests` is on);
- `frontend`: components, browser code, stylesheets, templates, i18n catalogues, storybook (skipped);
- `backend`: server-side languages, SQL, migrations, server JS/TS and service infrastructure (reviewed
  when the persona enables that detector).
"""

from persona_review.selection.detectors import BACKEND_DETECTORS, DETECTOR_HELP, Detection, FileFacts

__all__ = ["BACKEND_DETECTORS", "DETECTOR_HELP", "Detection", "FileFacts"]
