"""JAVA-LIST-NO-LIMIT: a request handler that loads every row of a query into memory, across Spring Data,
JdbcTemplate, jOOQ and MyBatis, in controllers written for these tests, with the paged and streamed forms."""

from __future__ import annotations

from .helpers import findings_of

RULE = "JAVA-LIST-NO-LIMIT"
PATH = "src/main/java/com/acme/shop/web/ShipmentController.java"


def _lines(code: str) -> list[int]:
    return sorted(line for line, rule in findings_of(PATH, code) if rule == RULE)


def _controller(*body: str) -> str:
    lines = "".join(f"    {line}\n" for line in body)
    return f"package com.acme.shop.web;\n\n@RestController\npublic class ShipmentController {{\n{lines}}}\n"


def test_a_whole_table_read_from_the_repository_in_a_list_endpoint_is_reported() -> None:
    code = _controller(
        "@GetMapping(\"/shipments\")",
        "public List<Shipment> all() {",
        "    return shipmentRepository.findAll();",                             # 7
        "}",
        "",
        "@GetMapping(\"/carriers\")",
        "public List<Map<String, Object>> carriers() {",
        "    return jdbcTemplate.queryForList(\"SELECT id, name FROM carriers\");",  # 12
        "}",
        "",
        "@GetMapping(\"/events\")",
        "public List<EventRecord> events() {",
        "    return dsl.selectFrom(EVENTS)",                                    # 17
        "        .orderBy(EVENTS.CREATED_AT.desc())",
        "        .fetch();",
        "}",
    )
    assert _lines(code) == [7, 12, 17]


def test_bounded_keyed_and_streamed_reads_are_quiet() -> None:
    code = _controller(
        "@GetMapping(\"/shipments/top\")",
        "public List<Shipment> top() {",
        "    return shipmentRepository.findTop50ByOrderByCreatedAtDesc();",
        "}",
        "",
        "@GetMapping(\"/shipments/by-ids\")",
        "public List<Shipment> byIds(@RequestParam List<Long> ids) {",
        "    return shipmentRepository.findAllById(ids);",
        "}",
        "",
        "@GetMapping(\"/carriers\")",
        "public List<Map<String, Object>> carriers() {",
        "    return jdbcTemplate.queryForList(\"SELECT id, name FROM carriers LIMIT 100\");",
        "}",
        "",
        "@GetMapping(\"/events\")",
        "public List<EventRecord> events(long shipmentId) {",
        "    return dsl.selectFrom(EVENTS).where(EVENTS.SHIPMENT_ID.eq(shipmentId)).fetch();",
        "}",
        "",
        "@GetMapping(\"/shipments/{id}/parcels\")",
        "public List<Parcel> parcels(@PathVariable long id) {",
        "    return parcelRepository.findAllByShipmentId(id);",
        "}",
    )
    assert _lines(code) == []


def test_a_whole_list_beside_a_paged_one_or_from_a_service_is_left_alone() -> None:
    paged = _controller(
        "@GetMapping(\"/carriers\")",
        "public Page<Carrier> list(Pageable pageable) {",
        "    return carrierRepository.findAll(pageable);",
        "}",
        "",
        "@GetMapping(\"/carriers/all\")",
        "public List<Carrier> choices() {",
        "    return carrierRepository.findAll();",
        "}",
    )
    assert _lines(paged) == []
    service = _controller(
        "@GetMapping(\"/carriers/all\")",
        "public List<Carrier> choices() {",
        "    return carrierService.listAll();",
        "}",
    )
    assert _lines(service) == []


def test_an_export_reports_every_unbounded_read() -> None:
    code = _controller(
        "@GetMapping(\"/shipments/export\")",
        "public void exportShipments(@RequestParam String status, HttpServletResponse response) {",
        "    List<Shipment> rows = shipmentService.findAllByStatus(status);",    # 7
        "    writeCsv(rows, response.getWriter());",
        "}",
        "",
        "@PostMapping(value = \"/reports\", produces = \"text/csv\")",
        "public String report(@RequestBody ReportRequest req) {",
        "    return toCsv(shipmentMapper.selectAllByCarrier(req.carrier()));",  # 13
        "}",
    )
    assert _lines(code) == [7, 13]


def test_an_export_of_a_collection_finder_or_a_jpa_result_list_is_reported() -> None:
    code = _controller(
        "@GetMapping(value = \"/carriers/{id}/shipments.csv\", produces = \"text/csv\")",
        "public String shipmentsCsv(@PathVariable long id) {",
        "    List<Shipment> rows = shipmentRepository.findByCarrierIdOrderByCreatedAt(id);",  # 7
        "    return toCsv(rows);",
        "}",
        "",
        "@GetMapping(\"/shipments/export\")",
        "public void exportAll(HttpServletResponse response) throws IOException {",
        "    PrintWriter out = response.getWriter();",
        "    for (Shipment s : entityManager.createQuery(\"select s from Shipment s\", Shipment.class)",
        "            .getResultList()) {",                                             # 15
        "        out.println(s.getId());",
        "    }",
        "}",
        "",
        "@GetMapping(\"/shipments/export-page\")",
        "public void exportPage(@RequestParam int page, HttpServletResponse response) throws IOException {",
        "    List<Shipment> rows = entityManager.createQuery(\"select s from Shipment s\", Shipment.class)",
        "        .setFirstResult(page * 500).setMaxResults(500).getResultList();",
        "    write(rows, response.getWriter());",
        "}",
    )
    assert _lines(code) == [7, 15]


def test_a_collection_finder_in_a_plain_list_is_one_parents_rows() -> None:
    code = _controller(
        "@GetMapping(\"/shipments/{id}/parcels\")",
        "public List<Parcel> parcels(@PathVariable long id) {",
        "    List<Parcel> parcels = parcelRepository.findByShipmentId(id);",
        "    return parcels;",
        "}",
    )
    assert _lines(code) == []


def test_a_repository_known_by_its_declared_type_is_the_data_layer() -> None:
    code = _controller(
        "private final ShipmentRepository shipments;",
        "",
        "@GetMapping(\"/shipments\")",
        "public List<Shipment> all() {",
        "    return shipments.findAll();",                                       # 9
        "}",
    )
    assert _lines(code) == [9]


def test_a_scheduled_job_walking_the_whole_table_or_a_state_is_reported() -> None:
    code = _controller(
        "@Scheduled(cron = \"0 0 3 * * *\")",
        "public void reindex() {",
        "    for (Shipment s : shipmentRepository.findAll()) {",                  # 7
        "        index.put(s);",
        "    }",
        "}",
        "",
        "@Scheduled(fixedDelay = 60000)",
        "public void retry() {",
        "    shipmentRepository.findAllByStatus(Status.FAILED).forEach(this::resend);",  # 14
        "}",
        "",
        "@Scheduled(fixedDelay = 60000)",
        "public void retryBatch() {",
        "    shipmentRepository.findAllByStatus(Status.FAILED, PageRequest.of(0, 100)).forEach(this::resend);",
        "}",
        "",
        "@Scheduled(fixedDelay = 60000)",
        "public void retryOne(long carrierId) {",
        "    shipmentRepository.findAllByCarrierId(carrierId).forEach(this::resend);",
        "}",
    )
    assert _lines(code) == [7, 14]


def test_panache_entities_list_all_unless_paged() -> None:
    code = _controller(
        "@GET",
        "public List<Shipment> all() {",
        "    return Shipment.listAll();",                                      # 7
        "}",
        "",
        "@GET",
        "@Path(\"/page\")",
        "public List<Shipment> page(@QueryParam(\"n\") int n) {",
        "    return Shipment.findAll().page(Page.of(n, 50)).list();",
        "}",
        "",
        "@GET",
        "@Path(\"/stream\")",
        "public Multi<Shipment> streamed() {",
        "    return Multi.createFrom().items(Shipment.streamAll());",
        "}",
    )
    assert _lines(code) == [7]
