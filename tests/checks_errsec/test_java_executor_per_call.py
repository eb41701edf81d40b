"""JAVA-EXECUTOR-PER-CALL: a thread pool made inside a method and never shut down."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "JAVA-EXECUTOR-PER-CALL"
PATH = "src/main/java/com/acme/search/IndexService.java"


def _lines(text: str, path: str = PATH) -> list[int]:
    return [f.line or 0 for f in run_checks([context_for_text(path, text)]).findings if f.rule_id == RULE]


def _hunk_lines(text: str, first: int) -> list[int]:
    lines = {first + i: line for i, line in enumerate(text.splitlines())}
    ctx = FileContext(PATH, "java", lines, frozenset(lines), whole_file=False)
    return [f.line or 0 for f in run_checks([ctx]).findings if f.rule_id == RULE]


_SERVICE = """package com.acme.search;

@Service
public class IndexService {
    public void reindex(List<Long> ids) {
        %s
        for (Long id : ids) {
            pool.submit(() -> reindexOne(id));
        }
        %s
    }
}
"""


@pytest.mark.parametrize("made", [
    "ExecutorService pool = Executors.newFixedThreadPool(8);",
    "final ExecutorService pool = Executors.newCachedThreadPool();",
    "var pool = Executors.newWorkStealingPool();",
    "ScheduledExecutorService pool = Executors.newSingleThreadScheduledExecutor();",
])
def test_a_pool_made_per_call_and_dropped_is_reported(made: str) -> None:
    assert _lines(_SERVICE % (made, "")) == [6]


def test_a_pool_used_at_once_is_reported() -> None:
    text = """class Mailer {
    void sendLater(Mail mail) {
        Executors.newSingleThreadExecutor().submit(() -> smtp.send(mail));
    }
}
"""
    assert _lines(text, "src/main/java/a/Mailer.java") == [3]


def test_a_hunk_that_shows_the_whole_method_is_reported() -> None:
    hunk = "\n".join((_SERVICE % ("ExecutorService pool = Executors.newFixedThreadPool(8);", "")).splitlines()[4:11])
    assert _hunk_lines(hunk, 52) == [53]


@pytest.mark.parametrize("after", [
    "pool.shutdown();",
    "pool.shutdownNow();",
    "pool.awaitTermination(1, TimeUnit.MINUTES);",
    "return pool;",
    "this.pool = pool;",
    "workers.put(tenant, pool);",
    "return new Batch(pool, ids);",
])
def test_a_pool_shut_down_or_handed_on_is_left_alone(after: str) -> None:
    assert _lines(_SERVICE % ("ExecutorService pool = Executors.newFixedThreadPool(8);", after)) == []


def test_a_pool_in_try_with_resources_is_left_alone() -> None:
    text = """class Importer {
    void importAll(List<Row> rows) {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            rows.forEach(r -> pool.submit(() -> save(r)));
        }
    }
}
"""
    assert _lines(text, "src/main/java/a/Importer.java") == []


@pytest.mark.parametrize("shape", [
    "    private final ExecutorService pool = Executors.newFixedThreadPool(4);\n",
    "    IndexService() {\n        ExecutorService pool = Executors.newFixedThreadPool(4);\n        start(pool);\n    }\n",
    "    static {\n        ExecutorService pool = Executors.newFixedThreadPool(4);\n    }\n",
    "    @Bean\n    public TaskRunner runner() {\n        ExecutorService pool = Executors.newFixedThreadPool(4);\n"
    "        pool.submit(this::warm);\n    }\n",
    "    public static void main(String[] args) {\n        ExecutorService pool = Executors.newFixedThreadPool(4);\n"
    "        pool.submit(App::run);\n    }\n",
])
def test_fields_constructors_initializers_beans_and_main_are_left_alone(shape: str) -> None:
    assert _lines("class IndexService {\n" + shape + "}\n") == []


def test_a_method_cut_off_by_the_hunk_is_left_alone() -> None:
    hunk = "\n".join((_SERVICE % ("ExecutorService pool = Executors.newFixedThreadPool(8);", "")).splitlines()[4:9])
    assert _hunk_lines(hunk, 52) == []


def test_test_sources_are_left_alone() -> None:
    text = _SERVICE % ("ExecutorService pool = Executors.newFixedThreadPool(8);", "")
    assert _lines(text, "src/test/java/com/acme/search/IndexServiceTest.java") == []


_FANOUT = """        ExecutorService pool = Executors.newFixedThreadPool(shards.size());
        List<Future<List<Hit>>> futures = new ArrayList<>();
        for (Shard shard : shards) {
            futures.add(pool.submit(() -> shard.search(query)));
        }
        List<Hit> hits = new ArrayList<>();
        for (Future<List<Hit>> f : futures) {
            hits.addAll(f.get());
        }
        %s
        return hits;
    }
"""


def test_a_hunk_that_starts_inside_the_method_and_shows_its_end_is_reported() -> None:
    # The signature is above the hunk; from the pool to the method's closing brace every line is known.
    # Adding its futures to a list hands on the futures, not the pool.
    assert _hunk_lines(_FANOUT % "", 31) == [31]
    assert _hunk_lines(_FANOUT % "pool.shutdown();", 31) == []
    assert _hunk_lines(_FANOUT % "return wrap(pool);", 31) == []
