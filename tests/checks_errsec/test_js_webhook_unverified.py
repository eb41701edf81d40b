"""JS-WEBHOOK-UNVERIFIED: an Express/Fastify route, a Next.js route file or a NestJS controller for a webhook
that reads the body and does work, in a file that verifies no signature, secret or token and with no
middleware or guard on the route, is reported; any sign of a verifier in the file, a middleware, a route
that does nothing with the body, and (in a hunk) a route the change does not add are quiet."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff

from .helpers import findings_of

RULE = "JS-WEBHOOK-UNVERIFIED"


def _lines(path: str, text: str) -> list[int]:
    return sorted(line for line, rule in findings_of(path, text) if rule == RULE)


_HANDLER = (
    "app.post('/api/webhooks/payments', express.raw({ type: 'application/json' }), async (req, res) => {\n"
    "{check}"
    "  const event = JSON.parse(req.body.toString());\n"
    "  await payments.apply(event);\n"
    "  res.sendStatus(204);\n"
    "});\n"
)


def test_an_unverified_express_webhook_is_reported() -> None:
    assert _lines("src/app.js", _HANDLER.replace("{check}", "")) == [1]


@pytest.mark.parametrize(
    "check",
    [
        "  const event0 = stripe.webhooks.constructEvent(req.body, req.get('stripe-signature'), secret);\n",
        "  const mac = crypto.createHmac('sha256', key).update(req.body).digest('hex');\n",
        "  if (!isValidSignature(req)) return res.sendStatus(400);\n",
        "  if (req.get('x-webhook-token') !== process.env.WEBHOOK_TOKEN) return res.sendStatus(401);\n",
        "  new Webhook(secret).verify(req.body, req.headers);\n",
        "  await payments.check(req.body, req.get('X-Payments-Signature'));\n",
    ],
)
def test_a_file_that_verifies_the_sender_is_quiet(check: str) -> None:
    assert _lines("src/app.js", _HANDLER.replace("{check}", check)) == []


def test_a_next_route_file_under_a_webhook_path_is_reported() -> None:
    text = (
        "export async function POST(request: Request) {\n"
        "  const event = await request.json();\n"
        "  await prisma.shipment.update({ where: { id: event.id }, data: { state: event.state } });\n"
        "  return Response.json({ ok: true });\n"
        "}\n"
    )
    assert _lines("app/api/webhooks/shipping/route.ts", text) == [1]
    assert _lines("app/api/shipments/route.ts", text) == []


def test_a_nest_webhook_controller_without_a_guard_is_reported() -> None:
    text = (
        "@Controller('webhooks')\n"
        "export class HooksController {\n"
        "  constructor(private readonly payments: PaymentsService) {}\n"
        "\n"
        "  @Post('payments')\n"
        "  @HttpCode(204)\n"
        "  async payment(@Body() event: PaymentEvent) {\n"
        "    await this.payments.apply(event);\n"
        "  }\n"
        "}\n"
    )
    assert _lines("src/hooks/hooks.controller.ts", text) == [5]
    guarded = text.replace("  @HttpCode(204)\n", "  @UseGuards(SignatureGuard)\n")
    assert _lines("src/hooks/hooks.controller.ts", guarded) == []


def test_a_route_the_hunk_does_not_add_is_quiet() -> None:
    diff = (
        "diff --git a/src/app.js b/src/app.js\n--- a/src/app.js\n+++ b/src/app.js\n"
        "@@ -10,4 +10,5 @@ const app = express();\n"
        " app.post('/webhooks/carrier', async (req, res) => {\n"
        "   await orders.markDelivered(req.body.orderRef);\n"
        "+  metrics.increment('carrier.webhook');\n"
        "   res.sendStatus(204);\n"
        " });\n"
    )
    outcome = run_checks([build_context(f) for f in parse_diff(diff.encode())])
    assert [f.line for f in outcome.findings if f.rule_id == RULE] == []
