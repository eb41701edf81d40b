"""ANY-UNBOUNDED-FANOUT: every row of an unlimited query started at once with `Promise.all` or
`asyncio.gather`, written for these tests, with limited, keyed and throttled shapes that stay quiet."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "ANY-UNBOUNDED-FANOUT"


def _spans(path: str, text: str) -> list[tuple[int, int | None]]:
    return [(f.line or 0, f.end_line) for f in run_checks([context_for_text(path, text)]).findings
            if f.rule_id == RULE]


_TS = """export async function repriceAll(): Promise<void> {
  const products = await prisma.product.findMany(%s);
  await Promise.all(
    products.map(%s),
  );
}
"""
_EACH = "async (p) => { await pricing.reprice(p.sku); }"


def test_every_row_of_an_unlimited_query_fanned_out_is_reported() -> None:
    assert _spans("src/jobs/reprice.ts", _TS % ("{ select: { id: true, sku: true } }", _EACH)) == [(2, 3)]
    assert _spans("src/jobs/reprice.ts", _TS % ("", _EACH)) == [(2, 3)]


@pytest.mark.parametrize(("query", "each"), [
    ("{ take: 100 }", _EACH),
    ("{ where: { catalogId } }", _EACH),
    ("{ where: { ownerId: user.id } }", _EACH),
    ("", "(p) => limit(() => pricing.reprice(p.sku))"),
])
def test_limited_keyed_or_throttled_fan_outs_stay_quiet(query: str, each: str) -> None:
    assert _spans("src/jobs/reprice.ts", _TS % (query, each)) == []


def test_python_gather_over_all_rows_is_reported_and_a_semaphore_or_key_keeps_it_quiet() -> None:
    code = """async def refresh_all(client, repo):
    feeds = await repo.all_active()
    await asyncio.gather(*(refresh_one(client, feed) for feed in feeds))
"""
    assert _spans("feeds/refresh.py", code) == [(2, 3)]
    throttled = code.replace("refresh_one(client, feed)", "with_semaphore(refresh_one(client, feed))")
    assert _spans("feeds/refresh.py", throttled) == []
    keyed = """async def refresh_user(client, session, user_id):
    feeds = session.query(Feed).filter(Feed.user_id == user_id).all()
    await asyncio.gather(*[refresh_one(client, feed) for feed in feeds])
"""
    assert _spans("feeds/refresh.py", keyed) == []


def test_a_plain_find_with_a_filter_is_a_lookup() -> None:
    code = """async function versions(bucket, filename) {
  const documents = await bucket.find({ filename });
  await Promise.all(documents.map((d) => bucket.delete(d._id)));
}
"""
    assert _spans("src/files/versions.js", code) == []
