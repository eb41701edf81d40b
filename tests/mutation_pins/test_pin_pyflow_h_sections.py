"""Pins for the dict literals the Python data flow keeps by key (`checks/_pyflow.py`, `_hold_dict`): a
name bound to a dict literal is read back by literal key, a section written as a dict literal into a known
container is read back by its two keys, and anything less certain is simply not known (never an error)."""

from __future__ import annotations

from tests.mutation_pins.test_pin_pyflow_h_literal_text import sink_start


def test_a_dict_literal_is_read_back_by_key() -> None:
    assert sink_start('table = {"a": "x", "b": "y"}\nsink(table["b"])') == "y"


def test_a_dict_literal_with_a_call_inside_is_not_kept() -> None:
    assert sink_start('table = {"a": str(len("ab"))}\nsink(table["a"])') is None


def test_a_section_written_into_a_known_container_is_read_by_both_keys() -> None:
    assert sink_start('conf = {}\nconf["db"] = {"host": "x"}\nsink(conf["db"]["host"])') == "x"


def test_a_section_under_a_key_not_known_is_not_kept() -> None:
    assert sink_start('conf = {}\nconf[request.GET["s"]] = {"host": "x"}\nsink(conf["db"]["host"])') is None


def test_a_section_written_into_a_container_not_known_is_not_kept() -> None:
    assert sink_start('request.conf["db"] = {"host": "x"}\nsink(request.conf["db"]["host"])') is None
    assert sink_start('conf = dict(request.GET)\nconf["db"] = {"host": "x"}\nsink(conf["db"]["host"])') != "x"
