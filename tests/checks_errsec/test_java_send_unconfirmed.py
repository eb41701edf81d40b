"""JAVA-SEND-UNCONFIRMED: a request handler drops the future of a Kafka send and answers success, in
controllers written for these tests, next to handlers that wait for the broker or pass a callback."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff
from persona_review.findings import Category

from .helpers import findings_of

RULE = "JAVA-SEND-UNCONFIRMED"
PATH = "src/main/java/com/acme/shipping/web/ShipmentController.java"


def _lines(code: str, path: str = PATH) -> list[int]:
    return sorted(line for line, rule in findings_of(path, code) if rule == RULE)


def _controller(*body: str) -> str:
    lines = "".join(f"    {line}\n" for line in body)
    return (
        "package com.acme.shipping.web;\n\n@RestController\npublic class ShipmentController {\n"  # 1-4
        "    private final KafkaTemplate<String, Shipment> template;\n"                           # 5
        "    private final Producer<String, byte[]> rawProducer;\n"                               # 6
        f"{lines}}}\n"
    )


def test_dropped_sends_in_request_handlers_are_reported() -> None:
    code = _controller(
        "@PostMapping(\"/shipments\")",                                          # 7
        "public ResponseEntity<Void> create(@RequestBody Shipment s) {",
        "    template.send(\"shipments\", s.id(), s);",                           # 9
        "    return ResponseEntity.accepted().build();",
        "}",
        "@PutMapping(\"/shipments/{id}/label\")",
        "@ResponseStatus(HttpStatus.ACCEPTED)",
        "public void label(@PathVariable String id, @RequestBody byte[] pdf) {",
        "    rawProducer.send(new ProducerRecord<>(\"labels\", id, pdf));",       # 15
        "}",
        "@RequestMapping(value = \"/pings\", method = RequestMethod.POST)",
        "public String ping(@RequestBody String body) {",
        "    this.eventsKafkaTemplate.sendDefault(body);",                       # 19
        "    return \"ok\";",
        "}",
    )
    assert _lines(code) == [9, 15, 19]


def test_waited_kept_or_called_back_sends_and_non_handlers_are_quiet() -> None:
    code = _controller(
        "@PostMapping(\"/a\")",
        "public ResponseEntity<Void> a(@RequestBody Shipment s) throws Exception {",
        "    template.send(\"shipments\", s.id(), s).get(5, TimeUnit.SECONDS);",
        "    return ResponseEntity.accepted().build();",
        "}",
        "@PostMapping(\"/b\")",
        "public CompletableFuture<ResponseEntity<Void>> b(@RequestBody Shipment s) {",
        "    return template.send(\"shipments\", s.id(), s)",
        "        .thenApply(r -> ResponseEntity.accepted().build());",
        "}",
        "@PostMapping(\"/c\")",
        "public void c(@RequestBody Shipment s) {",
        "    template.send(\"shipments\", s.id(), s)",
        "        .whenComplete((r, ex) -> { if (ex != null) log.error(\"lost {}\", s.id(), ex); });",
        "    rawProducer.send(new ProducerRecord<>(\"labels\", s.id(), s.pdf()), (md, ex) -> audit(ex));",
        "}",
        "@PostMapping(\"/d\")",
        "public void d(@RequestBody Shipment s) {",
        "    var pending = template.send(\"shipments\", s.id(), s);",
        "    outbox.track(pending);",
        "    mailSender.send(message);",      # not a Kafka producer
        "}",
        "@KafkaListener(topics = \"in\")",
        "public void relay(Shipment s) {",
        "    template.send(\"out\", s.id(), s);",   # a listener, not a request handler
        "}",
        "public void publish(Shipment s) {",
        "    template.send(\"shipments\", s.id(), s);",
        "}",
    )
    assert _lines(code) == []


def test_tests_are_quiet() -> None:
    code = _controller(
        "@PostMapping(\"/shipments\")",
        "public void create(@RequestBody Shipment s) { template.send(\"shipments\", s.id(), s); }",
    )
    assert _lines(code, "src/test/java/com/acme/shipping/web/ShipmentControllerTest.java") == []


_HUNK = """\
diff --git a/src/main/java/com/acme/parcels/ParcelController.java b/src/main/java/com/acme/parcels/ParcelController.java
--- a/src/main/java/com/acme/parcels/ParcelController.java
+++ b/src/main/java/com/acme/parcels/ParcelController.java
@@ -40,5 +40,5 @@
     @PostMapping("/parcels/scans")
     public ResponseEntity<Void> scan(@Valid @RequestBody Scan scan) {
-        scans.record(scan);
+        kafkaOps.send("parcel-scans", scan.parcelId(), scan);
         return ResponseEntity.accepted().build();
     }
"""


def test_a_hunk_whose_producer_is_declared_out_of_view_is_read_by_its_kafka_name() -> None:
    diff = parse_diff(_HUNK)
    outcome = run_checks([build_context(f) for f in diff.files], categories=(Category.ERROR_HANDLING,))
    assert [f.line for f in outcome.findings if f.rule_id == RULE] == [42]


def test_aws_async_clients_and_pulsar_templates_dropped_in_handlers_are_reported() -> None:
    code = (
        "package com.acme.notify.web;\n\n@RestController\npublic class NotifyController {\n"   # 1-4
        "    private final SqsAsyncClient queue;\n"                                              # 5
        "    private final PulsarTemplate<Event> events;\n"                                      # 6
        "    @PostMapping(\"/notify\")\n"                                                        # 7
        "    public ResponseEntity<Void> notify(@RequestBody Note note) {\n"
        "        queue.sendMessage(b -> b.queueUrl(url).messageBody(note.json()));\n"            # 9
        "        snsAsyncClient.publish(PublishRequest.builder().message(note.json()).build());\n"  # 10
        "        events.sendAsync(\"notes\", Event.of(note));\n"                                 # 11
        "        return ResponseEntity.accepted().build();\n"
        "    }\n"
        "    @PostMapping(\"/notify/sync\")\n"
        "    public ResponseEntity<Void> notifySync(@RequestBody Note note) {\n"
        "        queue.sendMessage(SendMessageRequest.builder().messageBody(note.json()).build()).join();\n"
        "        events.sendAsync(\"notes\", Event.of(note)).get(2, TimeUnit.SECONDS);\n"
        "        sqsClient.sendMessage(SendMessageRequest.builder().messageBody(note.json()).build());\n"  # sync client
        "        return ResponseEntity.accepted().build();\n"
        "    }\n"
        "}\n"
    )
    assert _lines(code) == [9, 10, 11]
