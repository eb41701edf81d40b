"""Test code and test data: files a backend review skips (reason `test`) unless `include-tests` is on."""

from __future__ import annotations

from persona_review.lazy_re import lazy_re
from persona_review.selection.detectors import Detection, FileFacts

TEST = "test"

_TEST_DIRS = frozenset(
    {
        "test", "tests", "__tests__", "spec", "specs", "testing", "e2e", "cypress", "playwright", "testdata",
        "test-data", "test_data", "fixtures", "__fixtures__", "__mocks__", "__snapshots__", "cassettes",
        "testutils", "testutil", "test-utils", "test_utils", "integration-tests", "integration_tests",
    }
)
_SPEC_DIRS = frozenset({"spec", "specs"})
_API_DOC_DIRS = frozenset({"openapi", "swagger", "oas", "api", "apis", "api-spec", "api-specs"})
"""A `spec` directory right under one of these holds an API's specification (`openapi/spec/index.ts`,
`swagger/specs/`), not tests."""
_TEST_NAME = lazy_re(
    r"^(?:test_.+\.py|.+_test\.(?:py|go|rb|exs?)|conftest\.py|.+_spec\.rb"
    r"|.+\.(?:test|spec|e2e-spec|cy)\.[cm]?[jt]sx?|.+\.snap)$"
)
_CAMEL_TEST_NAME = lazy_re(r"^\w+(?:Test|Tests|TestCase|IT|Spec)\.(?:java|kt|scala|groovy|cs|php|swift)$")


def detect_test(facts: FileFacts) -> Detection | None:
    """A Detection naming the directory or file-name pattern that makes this a test file, or None."""
    where = _test_dir(facts.dirs)
    if where is not None:
        return Detection(TEST, f"under {where}/")
    name = facts.pure.name
    if _TEST_NAME.match(facts.name) or _CAMEL_TEST_NAME.match(name):
        return Detection(TEST, name)
    return None


def _test_dir(dirs: tuple[str, ...]) -> str | None:
    """The first directory of the path that holds tests; a `spec` directory of an API's specification
    does not."""
    for index, part in enumerate(dirs):
        api_spec = part in _SPEC_DIRS and index > 0 and dirs[index - 1].lower() in _API_DOC_DIRS
        if part in _TEST_DIRS and not api_spec:
            return part
    return None
