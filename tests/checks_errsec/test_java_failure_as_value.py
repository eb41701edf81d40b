"""JAVA-FAILURE-AS-VALUE and JAVA-HANDLER-FAILURE-OK: failures of I/O and remote calls turned into ordinary
answers, in services and controllers written for these tests, next to the look-alikes that say what they
do (absence by contract, a comment, a rethrow, a best-effort call after the save)."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff
from persona_review.findings import Category

from .helpers import findings_of

VALUE = "JAVA-FAILURE-AS-VALUE"
HANDLER = "JAVA-HANDLER-FAILURE-OK"
PATH = "src/main/java/com/acme/docs/DocumentService.java"


def _lines(rule: str, code: str, path: str = PATH) -> list[int]:
    return sorted(line for line, found in findings_of(path, code) if found == rule)


def _class(*body: str) -> str:
    lines = "".join(f"    {line}\n" for line in body)
    return f"package com.acme.docs;\n\n@Service\npublic class DocumentService {{\n{lines}}}\n"


def test_silent_io_failures_and_made_up_zero_amounts_are_reported_on_the_return() -> None:
    code = _class(
        "public byte[] readScan(String key) {",                                   # 5
        "    try (InputStream in = storage.open(key)) {",
        "        return in.readAllBytes();",
        "    } catch (IOException e) {",
        "        return new byte[0];",          # not a default this check knows: quiet
        "    }",
        "}",
        "public List<String> lines(Path file) {",
        "    try {",
        "        return Files.readAllLines(file);",
        "    } catch (IOException e) {",
        "        return Collections.emptyList();",                                 # 16
        "    }",
        "}",
        "public int pageCount(String id) {",
        "    try {",
        "        return pdfClient.pageCount(id);",
        "    } catch (ResourceAccessException e) {",
        "        log.warn(\"page count failed for {}\", id, e);",
        "        return 0;",                                                       # 24
        "    }",
        "}",
        "public String text(String id) {",
        "    try { return ocrClient.extract(id); }",
        "    catch (java.io.UncheckedIOException e) { return \"\"; }",             # 29
        "}",
    )
    assert _lines(VALUE, code) == [16, 24, 29]


def test_absence_by_contract_comments_logging_and_in_memory_parsing_are_quiet() -> None:
    code = _class(
        "public String findTemplate(String name) {",
        "    try { return Files.readString(root.resolve(name)); }",
        "    catch (IOException e) { return null; }",
        "}",
        "public String loadOrNull(String name) {",
        "    try { return Files.readString(root.resolve(name)); }",
        "    catch (IOException e) { return null; }",
        "}",
        "public Optional<String> load(String name) {",
        "    try { return Optional.of(Files.readString(root.resolve(name))); }",
        "    catch (IOException e) { return Optional.empty(); }",
        "}",
        "public String read(String name) {",
        "    try { return Files.readString(root.resolve(name)); }",
        "    catch (NoSuchFileException | FileNotFoundException e) { return null; }",
        "}",
        "public String cached(String name) {",
        "    try { return Files.readString(cacheDir.resolve(name)); }",
        "    catch (IOException e) {",
        "        // the cache is best effort: a miss and a broken entry both mean rebuild it",
        "        return null;",
        "    }",
        "}",
        "public String logged(String name) {",
        "    try { return Files.readString(root.resolve(name)); }",
        "    catch (IOException e) { log.error(\"read failed {}\", name, e); return null; }",
        "}",
        "public Settings settings(byte[] json) {",
        "    try { return mapper.readValue(json, Settings.class); }",
        "    catch (IOException e) { return null; }",
        "}",
        "public String rethrown(String name) {",
        "    try { return Files.readString(root.resolve(name)); }",
        "    catch (IOException e) { throw new UncheckedIOException(e); }",
        "}",
        "public int parsed(String raw) {",
        "    try { return Integer.parseInt(raw); }",
        "    catch (NumberFormatException e) { return 0; }",
        "}",
    )
    assert _lines(VALUE, code) == []


_HUNK = """\
diff --git a/src/main/java/com/acme/docs/ManualStore.java b/src/main/java/com/acme/docs/ManualStore.java
--- a/src/main/java/com/acme/docs/ManualStore.java
+++ b/src/main/java/com/acme/docs/ManualStore.java
@@ -40,1 +40,6 @@ public String fetch(String product) {
+        try {
+            return Files.readString(manuals.resolve(product + ".md"));
+        } catch (IOException e) {
+            return null;
+        }
     }
"""


def _hunk(diff: str, rule: str) -> list[int]:
    outcome = run_checks([build_context(f) for f in parse_diff(diff).files], categories=(Category.ERROR_HANDLING,))
    return [f.line or 0 for f in outcome.findings if f.rule_id == rule]


def test_a_hunk_inside_a_method_takes_its_name_from_the_hunk_header() -> None:
    assert _hunk(_HUNK, VALUE) == [43]
    assert _hunk(_HUNK.replace("public String fetch(", "public String findManual("), VALUE) == []


def _controller(*body: str) -> str:
    lines = "".join(f"    {line}\n" for line in body)
    return f"package com.acme.docs;\n\n@RestController\npublic class DocumentController {{\n{lines}}}\n"


def test_a_handler_that_logs_a_failed_call_then_saves_and_answers_is_reported_on_the_catch() -> None:
    code = _controller(
        "@PostMapping(\"/{id}/publish\")",
        "public ResponseEntity<DocDto> publish(@PathVariable long id) {",
        "    Doc doc = docs.getById(id);",
        "    try {",
        "        cdn.upload(doc.key(), doc.bytes());",
        "    } catch (IOException e) {",                                           # 10
        "        log.error(\"upload failed for {}\", id, e);",
        "    }",
        "    doc.setPublished(true);",
        "    docRepository.save(doc);",
        "    return ResponseEntity.ok(DocDto.of(doc));",
        "}",
        "public ResponseEntity<Void> archive(long id) {",   # a ResponseEntity method: a handler too
        "    try { coldStorage.copy(id); }",
        "    catch (Exception e) { LOGGER.warn(\"copy failed\", e); }",           # 19
        "    archiveMapper.updateState(id, State.ARCHIVED);",
        "    return ResponseEntity.noContent().build();",
        "}",
    )
    assert _lines(HANDLER, code) == [10, 19]


def test_handlers_that_answer_the_failure_loop_or_save_first_and_services_are_quiet() -> None:
    code = _controller(
        "@PostMapping(\"/{id}/publish\")",
        "public ResponseEntity<DocDto> publish(@PathVariable long id) {",
        "    Doc doc = docs.getById(id);",
        "    try {",
        "        cdn.upload(doc.key(), doc.bytes());",
        "    } catch (IOException e) {",
        "        log.error(\"upload failed for {}\", id, e);",
        "        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).build();",
        "    }",
        "    docRepository.save(doc);",
        "    return ResponseEntity.ok(DocDto.of(doc));",
        "}",
        "@PostMapping(\"/bulk\")",
        "public ResponseEntity<Void> bulk(@RequestBody List<Long> ids) {",
        "    for (Long id : ids) {",
        "        try { cdn.purge(id); } catch (Exception e) { log.warn(\"purge failed {}\", id, e); }",
        "        docRepository.save(docs.getById(id).purged());",
        "    }",
        "    return ResponseEntity.accepted().build();",
        "}",
        "@PostMapping(\"/{id}/touch\")",
        "public ResponseEntity<Void> touch(@PathVariable long id) {",
        "    try { docRepository.save(docs.getById(id).touched()); }",
        "    catch (Exception e) { log.error(\"touch failed {}\", id, e); }",
        "    auditRepository.save(Audit.touch(id));",
        "    return ResponseEntity.noContent().build();",
        "}",
        "@GetMapping(\"/{id}\")",
        "public DocDto show(@PathVariable long id) {",
        "    try { views.increment(id); } catch (Exception e) { log.warn(\"view count failed\", e); }",
        "    return DocDto.of(docs.getById(id));",
        "}",
        "public void sync(Doc doc) {",
        "    try { cdn.upload(doc.key(), doc.bytes()); } catch (IOException e) { log.error(\"x\", e); }",
        "    docRepository.save(doc);",
        "}",
    )
    assert _lines(HANDLER, code) == []


def test_a_handler_whose_whole_work_fails_into_a_logged_catch_and_a_success_answer_is_reported() -> None:
    code = _controller(
        "@PostMapping(\"/imports\")",
        "public ResponseEntity<Void> run(@RequestBody ImportRequest req) {",
        "    Long tenant = req.getTenantId();",
        "    try {",
        "        importer.importAll(tenant, req.getRows());",
        "    } catch (Exception e) {",                                            # 10
        "        log.error(\"import failed for {}\", tenant, e);",
        "    }",
        "    return ResponseEntity.ok().build();",
        "}",
        "@PutMapping(\"/{id}/tags\")",
        "public Result<Void> retag(@PathVariable long id, @RequestBody List<String> tags) {",
        "    try { tagger.replace(id, tags); }",
        "    catch (TagException e) { log.warn(\"retag failed\", e); }",            # 18
        "    return Result.success();",
        "}",
    )
    assert _lines(HANDLER, code) == [10, 18]


def test_best_effort_extras_error_answers_void_handlers_and_branches_are_quiet() -> None:
    code = _controller(
        "@PostMapping(\"/orders\")",
        "public ResponseEntity<Void> place(@RequestBody Order o) {",
        "    orders.place(o);",                      # the work is done before the try
        "    try { mailer.sendConfirmation(o.getEmail()); }",
        "    catch (Exception e) { log.warn(\"mail failed\", e); }",
        "    return ResponseEntity.ok().build();",
        "}",
        "@PostMapping(\"/sync\")",
        "public ResponseEntity<Void> sync() {",
        "    try { syncer.syncAll(); }",
        "    catch (IOException e) { log.error(\"sync failed\", e); }",
        "    return ResponseEntity.status(HttpStatus.BAD_GATEWAY).build();",
        "}",
        "@PostMapping(\"/export\")",
        "public void export(HttpServletResponse response) {",   # writes its own response
        "    try { exporter.write(response.getOutputStream()); }",
        "    catch (IOException e) { log.error(\"export failed\", e); }",
        "}",
        "@GetMapping(\"/search\")",
        "public Result<List<Doc>> search(@RequestParam String q) {",
        "    if (q.contains(\"%\")) {",
        "        try { q = URLDecoder.decode(q, \"UTF-8\"); }",
        "        catch (UnsupportedEncodingException e) { log.error(\"decode failed\", e); }",
        "    }",
        "    return Result.success(docs.search(q));",
        "}",
    )
    assert _lines(HANDLER, code) == []
