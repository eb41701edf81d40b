"""JAVA-GRPC-CATCH-NO-STATUS: a gRPC service method's `catch` that only logs leaves the call open."""

from __future__ import annotations

from .helpers import findings_of

SERVICE = """\
public class QuoteServiceImpl extends QuoteServiceGrpc.QuoteServiceImplBase {
    @Override
    public void quote(QuoteRequest request, StreamObserver<QuoteResponse> responseObserver) {
        try {
            responseObserver.onNext(pricing.quote(request));
            responseObserver.onCompleted();
        } catch (RuntimeException e) {
            log.error("quote failed", e);
{extra}        }
    }
}
"""


def _lines(extra: str = "") -> set[int]:
    found = findings_of("src/main/java/QuoteServiceImpl.java", SERVICE.replace("{extra}", extra))
    return {line for line, rule in found if rule == "JAVA-GRPC-CATCH-NO-STATUS"}


def test_a_catch_that_only_logs_leaves_the_call_open() -> None:
    assert _lines() == {7}


def test_a_catch_that_answers_with_a_status_is_quiet() -> None:
    status = "            responseObserver.onError(Status.INTERNAL.asRuntimeException());\n"
    assert _lines(status) == set()


def test_a_catch_that_rethrows_is_quiet() -> None:
    assert _lines("            throw e;\n") == set()


def test_work_after_the_call_finished_is_not_judged() -> None:
    text = SERVICE.replace("{extra}", "").replace(
        "            responseObserver.onCompleted();\n",
        "            responseObserver.onCompleted();\n            server.shutdown();\n",
    )
    found = findings_of("src/main/java/QuoteServiceImpl.java", text)
    assert not any(rule == "JAVA-GRPC-CATCH-NO-STATUS" for _line, rule in found)


def test_an_observer_the_method_did_not_receive_is_not_a_call() -> None:
    text = SERVICE.replace("{extra}", "").replace(
        "    @Override\n", "    private final StreamObserver<QuoteRequest> writer = null;\n\n    @Override\n"
    ).replace("StreamObserver<QuoteResponse> responseObserver)", "QuoteSink sink)").replace(
        "responseObserver.", "writer."
    )
    found = findings_of("src/main/java/QuoteServiceImpl.java", text)
    assert "writer.onCompleted" in text
    assert not any(rule == "JAVA-GRPC-CATCH-NO-STATUS" for _line, rule in found)
