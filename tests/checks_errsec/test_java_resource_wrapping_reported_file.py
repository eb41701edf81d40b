"""JAVA-PATH-TRAVERSAL reports a request path once: where the `File` is built from it, not again where a
Spring `FileSystemResource` wraps that `File`. Code written for these tests."""

from __future__ import annotations

from .helpers import findings_of

_CONTROLLER = """\
@RestController
public class ReportDownloadController {
    private static final String REPORT_DIR = "/var/reports";

    @GetMapping("/reports/download")
    public ResponseEntity<Resource> download(@RequestParam String name) {
        File file = new File(REPORT_DIR, name);
        return ResponseEntity.ok(new FileSystemResource(file));
    }

    @GetMapping("/reports/raw")
    public ResponseEntity<Resource> raw(@RequestParam String name) {
        return ResponseEntity.ok(new FileSystemResource(REPORT_DIR + "/" + name));
    }
}
"""


def test_the_path_is_reported_where_it_is_built_and_a_resource_over_request_data_still_is() -> None:
    got = sorted(line for line, rule in findings_of("src/main/java/app/Reports.java", _CONTROLLER)
                 if rule == "JAVA-PATH-TRAVERSAL")
    assert got == [7, 13]
