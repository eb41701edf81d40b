"""JAVA-TX-SELF-INVOCATION: a `@Transactional` method called from its own class, in Spring services
written for these tests, with the callers that do get a transaction."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff
from persona_review.findings import Category, Finding

from .helpers import findings_of

RULE = "JAVA-TX-SELF-INVOCATION"
PATH = "src/main/java/com/acme/imports/ImportService.java"


def _lines(code: str, path: str = PATH) -> list[int]:
    return sorted(line for line, rule in findings_of(path, code) if rule == RULE)


def _service(*body: str, annotation: str = "@Service") -> str:
    lines = "".join(f"    {line}\n" for line in body)
    return f"package com.acme.imports;\n\n{annotation}\npublic class ImportService {{\n{lines}}}\n"


def test_a_public_entry_point_calling_a_transactional_method_of_its_class_is_reported() -> None:
    code = _service(
        "public void importAll(List<Row> rows) {",                # 5
        "    for (Row row : rows) {",
        "        importOne(row);",                                  # 7
        "    }",
        "}",
        "",
        "@Transactional",
        "public void importOne(Row row) {",
        "    accounts.save(row.account());",
        "    ledger.save(row.entry());",
        "}",
        "",
        "@Scheduled(fixedDelay = 60000)",
        "void nightly() {",
        "    this.importOne(Row.heartbeat());",                     # 19
        "}",
    )
    assert _lines(code) == [7, 19]


def test_requires_new_called_from_inside_the_class_is_reported_even_from_a_transaction() -> None:
    code = _service(
        "@Transactional",
        "public void settle(Batch batch) {",
        "    batch.items().forEach(item -> recordAttempt(item));",  # 7
        "    batches.save(batch);",
        "}",
        "",
        "@Transactional(propagation = Propagation.REQUIRES_NEW)",
        "public void recordAttempt(Item item) {",
        "    attempts.save(new Attempt(item));",
        "}",
    )
    assert _lines(code) == [7]


def test_callers_that_get_a_transaction_are_quiet() -> None:
    code = _service(
        "@Transactional",
        "public void importAll(List<Row> rows) {",
        "    rows.forEach(this::importOne);",
        "    for (Row row : rows) { importOne(row); }",
        "}",
        "@Transactional",
        "public void importOne(Row row) {",
        "    accounts.save(row.account());",
        "    if (row.hasChild()) { importOne(row.child()); }",
        "}",
        "private void helper(Row row) {",
        "    importOne(row);",
        "}",
        "public void delegate(Row row) {",
        "    other.importOne(row);",
        "    self.importOne(row);",
        "}",
        "public void overloaded(Row row) {",
        "    render(row);",
        "}",
        "@Transactional",
        "public void render(Row row) { accounts.save(row.account()); }",
        "public void render(Row row, Locale locale) { }",
    )
    assert _lines(code) == []


def test_a_class_annotated_transactional_is_quiet_and_tests_are_left_alone() -> None:
    body = (
        "public void importAll(List<Row> rows) {",
        "    rows.forEach(row -> importOne(row));",
        "}",
        "@Transactional",
        "public void importOne(Row row) { accounts.save(row.account()); }",
    )
    assert _lines(_service(*body, annotation="@Service\n@Transactional")) == []
    assert _lines(_service(*body)) == [6]
    assert _lines(_service(*body), "src/test/java/com/acme/imports/ImportServiceTest.java") == []


def test_a_hunk_without_the_called_method_is_quiet_and_one_with_it_is_read() -> None:
    header = (
        "diff --git a/src/main/java/a/Sync.java b/src/main/java/a/Sync.java\n"
        "--- a/src/main/java/a/Sync.java\n"
        "+++ b/src/main/java/a/Sync.java\n"
    )
    partial = header + (
        "@@ -40,3 +40,4 @@ public class Sync {\n"
        "     public void run() {\n"
        "+        syncOne(next());\n"
        "     }\n"
        " }\n"
    )
    outcome = run_checks([build_context(f) for f in parse_diff(partial).files], categories=[Category.ERROR_HANDLING])
    assert [f for f in outcome.findings if f.rule_id == RULE] == []
    whole = header + (
        "@@ -1,0 +1,12 @@\n"
        "+package a;\n"
        "+\n"
        "+public class Sync {\n"
        "+    public void run() {\n"
        "+        syncOne(next());\n"
        "+    }\n"
        "+\n"
        "+    @Transactional\n"
        "+    public void syncOne(Item item) {\n"
        "+        repo.save(item);\n"
        "+    }\n"
        "+}\n"
    )
    outcome = run_checks([build_context(f) for f in parse_diff(whole).files], categories=[Category.ERROR_HANDLING])
    assert [(f.line, f.rule_id) for f in outcome.findings if f.rule_id == RULE] == [(5, RULE)]


CATCH = "JAVA-TX-CATCH-COMMITS"


def _catch_lines(code: str, path: str = PATH) -> list[int]:
    return sorted(line for line, rule in findings_of(path, code) if rule == CATCH)


def test_a_transactional_method_that_swallows_a_failed_write_after_another_is_reported() -> None:
    code = _service(
        "@Transactional",
        "public int importDict(Dict dict, List<Item> items) {",
        "    int saved = 0;",
        "    try {",
        "        saved = dictMapper.insert(dict);",
        "        for (Item item : items) {",
        "            itemMapper.insert(item);",
        "        }",
        "    } catch (Exception e) {",                               # 13
        "        log.warn(\"import failed\", e);",
        "        return saved;",
        "    }",
        "    return saved;",
        "}",
        "",
        "@Transactional",
        "public void transfer(Account from, Account to, long cents) {",
        "    accountRepository.save(from.debit(cents));",
        "    try {",
        "        accountRepository.save(to.credit(cents));",
        "    } catch (DataIntegrityViolationException e) {",        # 25
        "        log.error(\"credit failed\");",
        "    }",
        "}",
    )
    assert _catch_lines(code) == [13, 25]


def test_catches_that_roll_back_hand_on_or_have_nothing_half_done_are_quiet() -> None:
    code = _service(
        "@Transactional",
        "public void a(Order order) {",
        "    orderRepository.save(order);",
        "    try { lineRepository.saveAll(order.lines()); }",
        "    catch (DataAccessException e) { throw new ImportFailed(order.id(), e); }",
        "}",
        "@Transactional",
        "public void b(Order order) {",
        "    orderRepository.save(order);",
        "    try { lineRepository.saveAll(order.lines()); }",
        "    catch (DataAccessException e) {",
        "        TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();",
        "    }",
        "}",
        "@Transactional",
        "public Result c(Order order) {",
        "    try {",
        "        orderRepository.save(order);",
        "        lineRepository.saveAll(order.lines());",
        "    } catch (DataIntegrityViolationException e) {",
        "        handleDataIntegrityIssues(order, e);",
        "    }",
        "    return Result.ok();",
        "}",
        "@Transactional",
        "public void d(Order order) {",
        "    try { orderRepository.save(order); } catch (DataAccessException e) { log.warn(\"dup\"); }",
        "}",
        "@Transactional",
        "public void e(User user) {",
        "    userRepository.delete(user);",
        "    try { chatClient.removeUser(user.id()); } catch (Exception e) { log.warn(\"sync failed\", e); }",
        "}",
        "public void f(Order order) {",
        "    orderRepository.save(order);",
        "    try { lineRepository.saveAll(order.lines()); } catch (Exception e) { log.warn(\"x\", e); }",
        "}",
        "@Transactional(readOnly = true)",
        "public void g(Order order) {",
        "    orderRepository.save(order);",
        "    try { lineRepository.saveAll(order.lines()); } catch (Exception e) { log.warn(\"x\", e); }",
        "}",
    )
    assert _catch_lines(code) == []


CHECKED = "JAVA-TX-CHECKED-COMMITS"


def _checked_lines(code: str) -> list[int]:
    return sorted(line for line, rule in findings_of(PATH, code) if rule == CHECKED)


def _review(code: str) -> list[Finding]:
    diff = parse_diff(
        f"diff --git a/{PATH} b/{PATH}\nnew file mode 100644\n--- /dev/null\n+++ b/{PATH}\n"
        f"@@ -0,0 +1,{code.count(chr(10))} @@\n" + "".join(f"+{line}\n" for line in code.splitlines())
    )
    return run_checks([build_context(f) for f in diff.files], categories=(Category.ERROR_HANDLING,)).findings


def test_a_transactional_write_that_declares_a_checked_exception_is_reported_from_annotation_to_throws() -> None:
    code = _service(
        "@Transactional",                                                    # 5
        "public void importFile(Path file) throws IOException {",           # 6
        "    Batch batch = batchRepository.save(new Batch(file.toString()));",
        "    for (String line : Files.readAllLines(file)) {",
        "        rowRepository.save(Row.parse(batch, line));",
        "    }",
        "}",
        "@Transactional(propagation = Propagation.REQUIRED)",                # 12
        "public void settle(Order order)",
        "        throws Exception {",                                         # 14
        "    orderRepository.save(order.settled());",
        "    ledger.post(order);",
        "}",
    )
    assert _checked_lines(code) == [5, 12]
    assert sorted(
        (f.line, f.end_line) for f in _review(code) if f.rule_id == CHECKED
    ) == [(5, 6), (12, 14)]


def test_writes_through_a_field_typed_as_a_repository_count_whatever_its_name() -> None:
    code = _service(
        "private final CatalogRepository catalog;",
        "private final PriceCache prices;",
        "",
        "@Transactional",                                                    # 8
        "public ImportResult importFeed(Path feed) throws IOException {",
        "    catalog.markAllStale();",
        "    for (String line : Files.readAllLines(feed)) {",
        "        catalog.upsert(Product.parseCsv(line));",
        "    }",
        "    return new ImportResult(catalog.deleteStale());",
        "}",
        "",
        "@Transactional",
        "public void warm(Path feed) throws IOException {",
        "    prices.update(Files.readAllLines(feed));",   # a cache, not a repository: quiet
        "}",
        "",
        "@Transactional",
        "public Product load(String sku) throws IOException {",
        "    return catalog.findBySku(sku);",             # a read through the repository: quiet
        "}",
    )
    assert _checked_lines(code) == [8]


def test_rollback_rules_reads_and_unchecked_exceptions_are_quiet() -> None:
    code = _service(
        "@Transactional(rollbackFor = Exception.class)",
        "public void a(Path file) throws IOException { rowRepository.save(Row.of(file)); }",
        "@Transactional(readOnly = true)",
        "public Report b() throws IOException { return reports.render(reportRepository.findAll()); }",
        "@Transactional",
        "public void c(Row row) throws IllegalStateException { rowRepository.save(row); }",
        "@Transactional",
        "public String d(Path file) throws IOException { return Files.readString(file); }",
        "public void e(Path file) throws IOException { rowRepository.save(Row.of(file)); }",
    )
    assert _checked_lines(code) == []


# --- JAVA-TX-PRIVATE-METHOD, and both checks on a hunk that does not show the class ----------------------

_HUNK = """\
diff --git a/src/main/java/com/acme/orders/OrderService.java b/src/main/java/com/acme/orders/OrderService.java
--- a/src/main/java/com/acme/orders/OrderService.java
+++ b/src/main/java/com/acme/orders/OrderService.java
@@ -52,4 +52,16 @@
     public Order checkout(UUID cartId) {
         Cart cart = carts.findById(cartId).orElseThrow();
-        return orders.save(Order.from(cart));
+        Order order = placeOrder(cart);
+        refund(order);
+        return order;
+    }
+
+    @Transactional
+    private Order placeOrder(Cart cart) {
+        return orders.save(Order.from(cart));
+    }
+
+    @Transactional
+    public void refund(Order order) {
+        payments.save(Payment.refundOf(order));
     }
"""


def _hunk_findings(rule: str) -> list[tuple[int | None, int | None]]:
    diff = parse_diff(_HUNK)
    outcome = run_checks([build_context(f) for f in diff.files], categories=(Category.ERROR_HANDLING,))
    return sorted((f.line, f.end_line) for f in outcome.findings if f.rule_id == rule)


def test_a_private_transactional_method_is_reported_on_its_annotation_in_a_hunk() -> None:
    assert _hunk_findings("JAVA-TX-PRIVATE-METHOD") == [(59, 60)]


def test_in_a_hunk_without_the_class_the_self_call_to_a_public_transactional_method_is_reported() -> None:
    # refund(order) on line 55; placeOrder is private, so its annotation is the finding, not its call (54).
    assert _hunk_findings(RULE) == [(55, None)]


def test_public_and_protected_transactional_methods_are_not_private_findings() -> None:
    code = _service(
        "@Transactional",
        "public void importOne(Row row) {",
        "    accounts.save(row.account());",
        "}",
        "",
        "@Transactional(readOnly = true)",
        "protected List<Row> pending() {",
        "    return rows.findPending();",
        "}",
    )
    assert [line for line, rule in findings_of(PATH, code) if rule == "JAVA-TX-PRIVATE-METHOD"] == []


def test_a_private_transactional_method_in_a_whole_class_is_reported() -> None:
    code = _service(
        "@Transactional(rollbackFor = Exception.class)",   # 5
        "private void archive(Row row) {",
        "    rows.delete(row);",
        "}",
    )
    assert [line for line, rule in findings_of(PATH, code) if rule == "JAVA-TX-PRIVATE-METHOD"] == [5]
