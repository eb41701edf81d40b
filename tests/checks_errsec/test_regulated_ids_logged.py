"""Regulated identifiers written to logs (a TIN, a tax id, a card number, a passport number) are reported
as secrets are, in every language; keys and facts about them (`card_id`, `tin_verified_at`) are not. Code
written for these tests."""

from __future__ import annotations

import pytest

from .helpers import findings_of

_CASES = [
    ("app/actions/tax_forms.rb", "RB-SECRET-IN-LOG",
     'logger.info("1099 generated", payee_id: payee.id, tin: payee.tin)\n',
     'logger.info("1099 generated", payee_id: payee.id, tin_verified_at: payee.tin_verified_at)\n'),
    ("src/payouts/log.ts", "JS-SECRET-IN-LOG",
     "logger.info({ payeeId: payee.id, taxId: payee.taxId }, 'payout sent');\n",
     "logger.info({ payeeId: payee.id, cardId: card.id }, 'payout sent');\n"),
    ("internal/payouts/log.go", "GO-SECRET-IN-LOG",
     'package payouts\n\nfunc f() {\n\tslog.Info("card charged", "card", card.CardNumber)\n}\n',
     'package payouts\n\nfunc f() {\n\tslog.Info("card charged", "card", card.Last4)\n}\n'),
    ("src/main/java/com/acme/Kyc.java", "JAVA-SECRET-IN-LOG",
     'class Kyc { void f() { log.info("verified {}", applicant.getPassportNumber()); } }\n',
     'class Kyc { void f() { log.info("verified {}", applicant.getId()); } }\n'),
    ("app/tax.py", "PY-SECRET-IN-LOG",
     "import logging\nlog = logging.getLogger(__name__)\ndef f(payee):\n    log.info('tin=%s', payee.tin)\n",
     "import logging\nlog = logging.getLogger(__name__)\ndef f(payee):\n    log.info('routing=%s', payee.routing_number)\n"),
]


@pytest.mark.parametrize(("path", "rule", "logged", "harmless"), _CASES, ids=[c[1] for c in _CASES])
def test_a_regulated_identifier_in_a_log_call_is_reported_and_its_key_is_not(
        path: str, rule: str, logged: str, harmless: str) -> None:
    assert rule in {r for _line, r in findings_of(path, logged)}
    assert rule not in {r for _line, r in findings_of(path, harmless)}
