"""Calls that reach outside the database and cannot be rolled back: a queued job, an email, an outbound HTTP
request, a broker publish, a payment-provider call. One pattern per language, matched on the bare view of a
line (string contents blanked), each naming the family it found.

HTTP calls named as reads (`requests.get`, `http.Get`, `getForObject`) are left out: they change
nothing a rollback should have undone. In Ruby, a payment gateway the application wraps counts when its name
says so and the method moves money (`Payments::Gateway.charge!`, `@gateway.capture`).
Only call shapes whose framework makes the effect plain are listed
(`task.delay(`, `requests.post(`, `kafkaTemplate.send(`, a `*Producer.send*(`, Sidekiq's `perform_async`);
a bare `client.send(` or `.publish(` on an unknown receiver is not. Active Job's `perform_later` and
`deliver_later` are left out: since Rails 7.2 they wait for the commit (or, with a queue in the same
database, are part of the transaction).
"""

from __future__ import annotations

import re

from persona_review.lazy_re import lazy_re

_MONEY_METHOD = r"(?:charge|capture|refund|authorize|payout)(?:_(?:card|customer|payment|intent|charge))?"
"""A payment gateway's method that moves money (`charge`, `capture_payment`), not `charge_limit`."""
_PYTHON = lazy_re(
    r"(?P<job>\.(?:delay|apply_async)\s*\(|\bsend_task\s*\(|\benqueue(?:_call|_in|_at)?\s*\()"
    r"|(?P<mail>\b(?:send_mail|send_mass_mail|mail_admins|mail_managers)\s*\(|\.send_messages\s*\()"
    r"|(?P<http>\b(?:requests|httpx)\.(?:post|put|patch|delete|request)\s*\(|\burlopen\s*\()"
    r"|(?P<publish>\.basic_publish\s*\(|\b\w*(?:producer|publisher)\.(?:send|produce|publish)\s*\("
    r"|\b\w*(?:sqs|sns)\w*\.(?:send_message|send_message_batch|publish)\s*\()"
    r"|(?P<payment>\bstripe\.\w+\.(?:create|modify|capture|confirm|cancel|refund)\s*\()"
)
_RUBY = lazy_re(
    r"(?P<job>\.(?:perform_async|perform_in|perform_at)\b)"
    r"|(?P<mail>\.deliver_now!?(?!\w))"
    r"|(?P<http>\b(?:Net::HTTP\.(?:post|start|post_form)|HTTParty\.(?:post|put|patch|delete)"
    r"|Faraday\.(?:post|put|patch|delete)|RestClient\.(?:post|put|patch|delete))\b)"
    r"|(?P<payment>\bStripe::\w+\.(?:create|update|capture|confirm|cancel)\b"
    rf"|(?<![\w:])(?:[A-Z]\w*::)*(?=[A-Z])\w*(?:Gateway|Psp|PSP)\w*\.{_MONEY_METHOD}!?"
    rf"(?![\w?])|(?<![\w.])@?\w*(?:gateway|psp)\.{_MONEY_METHOD}!?(?![\w?]))"
)
_JAVA = lazy_re(
    r"(?P<http>\b\w*[rR]estTemplate\.(?:postForObject|postForEntity|postForLocation|exchange"
    r"|put|patchForObject|delete)\s*\(|\b\w*[wW]ebClient\s*\.\s*(?:post|put|patch|delete|method)"
    r"\s*\(|\b\w*[hH]ttpClient\.send(?:Async)?\s*\()"
    r"|(?P<publish>\b\w*(?:[kK]afkaTemplate|[rR]abbitTemplate|[jJ]msTemplate|[aA]mqpTemplate)\.(?:send|sendDefault"
    r"|convertAndSend|convertSendAndReceive)\s*\(|\b\w*[sS](?:qs|ns)(?:Client|Template)?\.(?:sendMessage|publish"
    r"|send)\s*\(|\bstreamBridge\.send\s*\(|\b\w*[pP]roducer\.send\w*\s*\("
    r"|\b(?:this\.)?kafka\w*\.(?:send|sendDefault)\s*\()"
    r"|(?P<mail>\b\w*[mM]ailSender\.send\s*\()"
)
_JS = lazy_re(
    r"(?P<http>(?<![\w.$])fetch\s*\(|\baxios(?:\.(?:post|put|patch|delete|request))?\s*\()"
    r"|(?P<job>\b\w*[qQ]ueue\.add(?:Bulk)?\s*\()"
    r"|(?P<mail>\.sendMail\s*\()"
    r"|(?P<publish>\b\w*[pP]roducer\.send(?:Batch)?\s*\(|\b\w*(?:channel|[cC]hannel)\.(?:publish|sendToQueue)\s*\("
    r"|\bnew\s+(?:Publish|SendMessage|SendMessageBatch|PublishBatch)Command\s*\(|\.publishMessage\s*\()"
    r"|(?P<payment>\bstripe\.\w+\.(?:create|update|capture|confirm|cancel)\s*\()"
)
_GO = lazy_re(
    r"(?P<http>\bhttp\.(?:Post|PostForm)\s*\(|\b\w*[cC]lient\.Do\s*\(\s*req\b|\.Do\s*\(\s*req\s*\))"
    r"|(?P<mail>\bsmtp\.SendMail\s*\()"
    r"|(?P<publish>\b\w*[pP]roducer\.Send(?:Message|Messages)?\s*\(|\.WriteMessages\s*\("
    r"|\b(?:ch|channel|amqpCh)\.Publish(?:WithContext)?\s*\(|\b(?:nc|js|natsConn)\.Publish\w*\s*\()"
    r"|(?P<job>\.Enqueue(?:Context)?\s*\()"
)
_RECEIVER = lazy_re(r"[\w.$:]+$")
_PATTERNS: dict[str, re.Pattern[str]] = {
    "python": _PYTHON, "ruby": _RUBY, "java": _JAVA, "javascript": _JS, "typescript": _JS, "go": _GO,
}
FAMILIES = {
    "job": "queues a background job",
    "mail": "sends an email",
    "http": "makes an outbound HTTP call",
    "publish": "publishes a message to a broker",
    "payment": "calls the payment provider",
}


def outside_effect(language: str, bare: str) -> tuple[str, str] | None:
    """(family, the matched call text) of the first call on the bare line that reaches outside the
    database, or None."""
    pattern = _PATTERNS.get(language)
    if pattern is None:
        return None
    found = pattern.search(bare)
    if found is None or found.lastgroup is None:
        return None
    start = found.start()
    while True:
        receiver = _RECEIVER.search(bare, 0, start)
        start = receiver.start() if receiver is not None else start
        if start == 0 or bare[start - 1] != ")":
            break
        opened = _opening(bare, start - 1)
        if opened is None:
            break
        start = opened
    return found.lastgroup, bare[start:found.end()].rstrip("( ").strip()


def _opening(text: str, close: int) -> int | None:
    """The index of the `(` that the `)` at `close` closes, on the same line."""
    depth = 0
    for index in range(close, -1, -1):
        if text[index] == ")":
            depth += 1
        elif text[index] == "(":
            depth -= 1
            if depth == 0:
                return index
    return None
