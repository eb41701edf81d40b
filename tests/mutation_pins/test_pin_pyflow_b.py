"""What the Python data-flow layer makes of expressions and calls: which values carry request data, what
they were made safe for, which literal text they start with (the host of a URL), and whether they are
paths. Each snippet passes a value to `sink(...)`; the layer's record of that call is what checks judge.
A few tests run the real checks on the same snippets, to show the consequence a reviewer sees."""

from __future__ import annotations

import textwrap

import pytest

from persona_review.checks._pyflow import ALL_KINDS, HTML, LDAP, PATH, SHELL, SQL, SinkCall, Value, flows
from persona_review.checks.base import FileContext
from persona_review.checks.py_flow_security import command_input, path_traversal, ssrf
from persona_review.contexts import context_for_text


def ctx_of(source: str) -> FileContext:
    return context_for_text("app.py", textwrap.dedent(source))


def calls_named(source: str, name: str) -> list[SinkCall]:
    return [call for flow in flows(ctx_of(source)) for call in flow.calls if call.name == name]


def sink_call(source: str, name: str = "sink") -> SinkCall:
    found = calls_named(source, name)
    assert found, f"no call of {name} recorded"
    return found[-1]


def sink_arg(source: str, index: int = 0) -> Value:
    return sink_call(source).args[index]


def traversal_lines(source: str) -> list[int]:
    return [hit.line for hit in path_traversal(ctx_of(source))]


def ssrf_lines(source: str) -> list[int]:
    return [hit.line for hit in ssrf(ctx_of(source))]


# --- names, constants, attributes, subscripts ------------------------------------------------------------


def test_a_string_literal_is_untainted_and_its_text_is_known() -> None:
    value = sink_arg('sink("https://api.example.com/")')
    assert not value.tainted and value.start == "https://api.example.com/"
    number = sink_arg("sink(42)")
    assert not number.tainted and number.start is None, "a number is not text the layer can read"


def test_request_data_reaches_the_sink_through_a_name() -> None:
    value = sink_arg("""\
        name = request.args["name"]
        sink(name)
        """)
    assert value.tainted and value.source == "request.args" and value.start == ""
    assert value.unsafe_for(PATH)


def test_an_attribute_of_request_data_is_request_data_but_not_a_path() -> None:
    value = sink_arg("""\
        data = request.get_json()
        sink(data.user)
        """)
    assert value.tainted and value.source == "request.get_json" and value.start == ""
    plain = sink_arg("sink(settings.base_url)")
    assert not plain.tainted and plain.start is None, "an attribute we cannot read has no known text"


def test_a_path_attribute_or_slice_is_text_not_a_path() -> None:
    source = """\
        from pathlib import Path
        name = Path("/srv/files", request.args["f"]).name
        name.replace("-", "_")
        tail = os.path.join("/srv/files", request.args["f"])[-4:]
        tail.replace(".", "")
        """
    assert traversal_lines(source) == [], "str.replace on a file name is not a file operation"


def test_a_subscript_of_request_data_is_request_data() -> None:
    value = sink_arg('sink(request.form["a"][0])')
    assert value.tainted and value.source == "request.form" and value.start == ""
    assert not sink_arg("sink(CONFIG['a'])").tainted


def test_calls_inside_a_subscript_index_are_recorded() -> None:
    call = sink_call('rows[sink(request.args["i"])]')
    assert call.args[0].tainted


def test_a_bare_return_does_not_break_a_helpers_summary() -> None:
    source = """\
        def pick(value):
            if not value:
                return
            return value

        sink(pick(request.args["a"]))
        """
    assert sink_arg(source).tainted


# --- operators ----------------------------------------------------------------------------------------


def test_concatenation_keeps_the_literal_start() -> None:
    value = sink_arg('sink("https://api.example.com/users/" + request.args["id"])')
    assert value.tainted and value.start == "https://api.example.com/users/"


def test_percent_format_starts_with_the_text_before_the_first_placeholder() -> None:
    value = sink_arg('sink("https://api.example.com/%s/items/%s" % (request.args["a"], 1))')
    assert value.tainted and value.start == "https://api.example.com/"
    value = sink_arg('sink("https://api.example.com/%s" % request.args["a"])')
    assert value.start == "https://api.example.com/"


def test_percent_format_of_untainted_values_has_no_known_text() -> None:
    value = sink_arg('sink("https://%s/" % HOST)')
    assert not value.tainted and value.start is None
    assert ssrf_lines('requests.get(("https://%s/" % HOST) + request.args["p"])') == [], \
        "the host comes from configuration, only the path from the request"


def test_percent_on_request_data_is_still_request_data() -> None:
    value = sink_arg('sink(request.args["fmt"] % "x")')
    assert value.tainted and value.unsafe_for(SQL) and value.start == ""


def test_division_of_a_path_by_request_data_is_a_path() -> None:
    source = """\
        from pathlib import Path
        BASE = Path("/srv/files")
        (BASE / request.args["f"]).read_text()
        """
    assert traversal_lines(source) == [3]
    value = sink_arg('sink(Path("/srv") / request.args["f"])')
    assert value.tainted and value.pathlike


def test_division_of_request_data_is_not_a_path_but_keeps_the_taint() -> None:
    value = sink_arg('sink(request.args["a"] / "b")')
    assert value.tainted and not value.pathlike and value.unsafe_for(PATH)
    source = """\
        from settings import BASE_DIR
        open(BASE_DIR / request.args["f"])
        """
    assert traversal_lines(source) == [2]


def test_arithmetic_on_request_data_gives_a_number() -> None:
    for expr in ('request.args["n"] * 2', '2 * request.args["n"]', 'request.args["n"] - 1'):
        value = sink_arg(f"sink({expr})")
        assert value.tainted and value.source == "request.args", expr
        assert not any(value.unsafe_for(kind) for kind in ALL_KINDS), expr
    assert not sink_arg("sink(a * b)").tainted


def test_or_and_conditional_expressions_carry_either_side() -> None:
    assert sink_arg('sink(request.args.get("a") or "default")').tainted
    assert sink_arg('sink("default" or request.args.get("a"))').tainted
    assert sink_arg('sink("a" if flag else request.args["b"])').tainted
    assert sink_arg('sink(request.args["b"] if flag else "a")').tainted
    assert not sink_arg('sink("a" if flag else "b")').tainted


def test_calls_in_a_conditional_test_are_recorded() -> None:
    assert sink_call('x = 1 if sink(request.args["a"]) else 2').args[0].tainted


# --- containers, comparisons, await, starred, walrus ----------------------------------------------------


@pytest.mark.parametrize("literal", ['[request.args["a"], 1]', '(1, request.args["a"])', '{request.args["a"]}',
                                     '{"k": request.args["a"]}', '{**request.args}'])
def test_a_container_holding_request_data_is_request_data(literal: str) -> None:
    value = sink_arg(f"sink({literal})")
    assert value.tainted and value.start == "" and value.unsafe_for(SQL)


@pytest.mark.parametrize("literal", ['["a", "b"]', '("a",)', '{"a"}', '{"k": "v"}'])
def test_a_container_of_literals_is_untainted_and_not_text(literal: str) -> None:
    value = sink_arg(f"sink({literal})")
    assert not value.tainted and value.start is None


def test_calls_inside_dict_keys_and_comparisons_are_recorded() -> None:
    assert sink_call('d = {sink(request.args["k"]): 1}').args[0].tainted
    assert sink_call('ok = sink(request.args["a"]) == 1').args[0].tainted
    assert sink_call('ok = 1 == sink(request.args["a"])').args[0].tainted
    assert sink_call('ok = 1 < 2 < sink(request.args["a"])').args[0].tainted


def test_a_comparison_is_a_boolean_not_request_data() -> None:
    assert not sink_arg('sink(request.args["a"] == "x")').tainted


def test_await_starred_and_walrus_carry_request_data() -> None:
    source = """\
        async def view():
            data = await request.json()
            sink(data)
        """
    assert sink_arg(source).tainted
    assert sink_arg('sink(*request.args.getlist("x"))').tainted
    source = """\
        if (name := request.args.get("n")):
            sink(name)
        """
    assert sink_arg(source).tainted
    assert sink_call('sink((n := request.args.get("n")))').args[0].tainted


def test_calls_nested_in_other_expressions_are_recorded() -> None:
    assert sink_call('x = -sink(request.args["a"])').args[0].tainted
    assert sink_call('f = lambda: sink(request.args["a"])').args[0].tainted
    assert not sink_arg('sink(-request.args["a"])').tainted, "a negated value is a number"


# --- f-strings ------------------------------------------------------------------------------------------


def test_an_fstring_starts_with_its_literal_text() -> None:
    value = sink_arg('sink(f"https://api.example.com/{request.args[\'p\']}/x")')
    assert value.tainted and value.start == "https://api.example.com/"
    assert not sink_arg('sink(f"id-{5}")').tainted


def test_a_scheme_from_a_constant_leaves_the_host_to_the_caller() -> None:
    source = """\
        SCHEME = "https"
        requests.get(f"{SCHEME}://{request.args['host']}/status")
        """
    assert ssrf_lines(source) == [2]
    assert sink_arg('SCHEME = "https"\nsink(f"{SCHEME}://{request.args[\'h\']}")').start == "https://"


def test_a_padded_literal_in_an_fstring_has_no_known_text() -> None:
    value = sink_arg('sink(f"{\'https://\':>9}{request.args[\'h\']}")')
    assert value.tainted and value.start is None
    value = sink_arg('sink(f"{request.args[\'h\']:>9}")')
    assert value.tainted and value.start == ""


# --- arguments and call records ------------------------------------------------------------------------


def test_each_argument_is_recorded_with_its_value() -> None:
    call = sink_call('sink(1, request.args["a"], url=request.args["u"], n=2, **request.headers)')
    assert [value.tainted for value in call.args] == [False, True]
    assert call.kwargs["url"].tainted and not call.kwargs["n"].tainted and call.kwargs["**"].tainted
    assert call.line == 1 and call.receiver == Value()


def test_a_list_argument_records_its_first_element() -> None:
    call = sink_call('sink(["ls", "-l", request.args["d"]], [request.args["p"], "x"], [], "s")')
    head, second, empty, plain = call.heads
    assert head is not None and not head.tainted and head.start == "ls"
    assert second is not None and second.tainted
    assert empty is None and plain is None
    assert call.args[0].tainted and call.args[0].start == "" and call.args[1].tainted
    assert not call.args[2].tainted and call.args[3].start == "s"
    literal = sink_call('sink(["ls", "-l"])').args[0]
    assert not literal.tainted and literal.start is None


def test_the_program_of_a_command_is_its_first_element() -> None:
    assert [hit.line for hit in command_input(ctx_of(
        'subprocess.run(["convert", "-resize", request.args["size"]])'))] == []
    assert [hit.line for hit in command_input(ctx_of(
        'subprocess.run([request.args["tool"], "-v", "x"])'))] == [1]


def test_a_call_is_named_as_written() -> None:
    assert sink_call('"{}".format(request.args["a"])', ".format").args[0].tainted
    assert sink_call('handlers["a"](request.args["a"])', "").args[0].tainted
    assert sink_call('get_db().execute(request.args["q"])', "get_db().execute").args[0].tainted
    assert sink_call('open(request.args["f"])', "open").args[0].tainted
    assert sink_call('join("/srv", request.args["f"])', "join").args[1].tainted
    assert sink_call('format(request.args["f"])', "format").args[0].tainted


# --- sources reached through calls ----------------------------------------------------------------------


@pytest.mark.parametrize("call", ['request.get_json()', 'request.args.get("a")', 'request.headers.items()',
                                  'request.form.getlist("a")', 'request.get_data()', 'req.args.get("a")'])
def test_a_call_on_the_request_is_a_source(call: str) -> None:
    value = sink_arg(f"sink({call})")
    assert value.tainted and value.start == "" and value.source == call.split("(", 1)[0]


def test_a_method_of_something_else_is_not_a_source() -> None:
    for call in ('cache.get("k")', 'get("k")', 'handlers["a"]()', 'session.get_json()', 'config.getlist("x")'):
        assert not sink_arg(f"sink({call})").tainted, call


def test_a_value_read_from_request_json_is_named_by_the_call() -> None:
    value = sink_arg('sink(request.get_json().pop("path"))')
    assert value.tainted and value.source == "request.get_json().pop"


# --- conversions, sanitizers, helpers, pass-through -----------------------------------------------------


@pytest.mark.parametrize("func", ["int", "float", "bool", "len", "abs", "round", "uuid.UUID", "UUID", "Decimal",
                                  "decimal.Decimal", "hash", "ord", "datetime.fromisoformat",
                                  "date.fromisoformat", "builtins.int", "np.float", "_uuid.UUID"])
def test_a_number_or_uuid_made_from_request_data_is_clean(func: str) -> None:
    assert not sink_arg(f'sink({func}(request.args["a"]))').tainted


def test_a_conversion_is_clean_even_when_it_shadows_request_data() -> None:
    source = """\
        @app.get("/report")
        def report(date: str, day: str):
            sink(date.fromisoformat(day))
        """
    assert not sink_arg(source).tainted, "a handler parameter named like the module it shadows"
    for method in ("int", "float", "UUID"):
        assert not sink_arg(f'form = request.get_json()\nsink(form.{method}("count"))').tainted, method
    assert sink_arg('form = request.get_json()\nsink(form.integer("count"))').tainted


SANITIZERS = [("secure_filename", PATH), ("werkzeug.utils.secure_filename", PATH), ("utils.secure_filename", PATH),
              ("os.path.basename", PATH), ("posixpath.basename", PATH), ("shlex.quote", SHELL),
              ("pipes.quote", SHELL), ("html.escape", HTML), ("escape", HTML), ("markupsafe.escape", HTML),
              ("cgi.escape", HTML), ("bleach.clean", HTML), ("django.utils.html.escape", HTML),
              ("conditional_escape", HTML), ("escape_filter_chars", LDAP),
              ("ldap.filter.escape_filter_chars", LDAP), ("ldap3.utils.conv.escape_filter_chars", LDAP)]


@pytest.mark.parametrize(("func", "kind"), SANITIZERS)
def test_a_sanitizer_makes_request_data_safe_for_its_sink_only(func: str, kind: str) -> None:
    value = sink_arg(f'sink({func}("/x/" + request.args["a"]))')
    assert value.tainted and value.start == "" and value.source == "request.args"
    assert not value.unsafe_for(kind)
    assert all(value.unsafe_for(other) for other in ALL_KINDS - {kind})
    assert not sink_arg(f'sink({func}("a"))').tainted


def test_escaping_for_html_does_not_make_a_path_safe() -> None:
    assert traversal_lines('open(html.escape(request.args["f"]))') == [1]
    assert traversal_lines('open(secure_filename(request.args["f"]))') == []


PASS_THROUGH = ["str", "os.path.join", "posixpath.join", "os.path.normpath", "os.path.abspath",
                "os.path.realpath", "os.path.expanduser", "urljoin", "urllib.parse.urljoin", "parse.urljoin",
                "json.loads", "base64.b64decode", "base64.urlsafe_b64decode", "unquote", "urllib.parse.unquote",
                "format", "Path", "pathlib.Path", "PurePath", "str.format", "bytes", "io.BytesIO", "io.StringIO",
                "urlparse", "urllib.parse.urlparse", "dict", "list", "tuple", "sorted", "reversed", "compile",
                "base64.b64encode", "base64.urlsafe_b64encode", "b64encode", "b64decode", "codecs.encode",
                "codecs.decode", "urllib.parse.unquote_plus", "unquote_plus", "html.unescape", "bytes.fromhex",
                "re.sub", "copy.copy", "copy.deepcopy", "textwrap.dedent"]
PATH_BUILDERS = {"Path", "pathlib.Path"}  # os.path.* return a str, whose `.replace` renames no file


@pytest.mark.parametrize("func", PASS_THROUGH)
def test_a_known_function_passes_request_data_through(func: str) -> None:
    value = sink_arg(f'sink({func}(request.args["a"]))')
    assert value.tainted and value.source == "request.args" and value.unsafe_for(PATH)
    assert value.pathlike == (func in PATH_BUILDERS)
    clean = sink_arg(f'sink({func}("a"))')
    assert not clean.tainted and clean.pathlike == (func in PATH_BUILDERS)


def test_an_unknown_function_gives_an_untainted_value() -> None:
    assert not sink_arg('sink(transform(request.args["a"]))').tainted
    assert not sink_arg('sink(client.search(request.args["q"]))').tainted
    assert not sink_arg('sink("abcdef".find(request.args["q"]))').tainted, "a position is not text"
    assert not sink_arg('sink(Path("/srv").match(request.args["p"]))').tainted, "a match is a boolean"


def test_the_start_of_a_passed_through_value() -> None:
    assert sink_arg('sink(json.loads(request.data))').start == ""
    assert sink_arg('sink(str(request.args["a"]))').start == ""
    assert sink_arg('sink(os.path.join("/srv", request.args["a"]))').start is None
    assert sink_arg('sink(Path("/srv/files", request.args["a"]))').start == "/srv/files"
    assert sink_arg('sink(pathlib.Path("/srv/files", request.args["a"]))').start == "/srv/files"
    assert not sink_arg("sink(str())").tainted
    built = sink_arg('sink(Path("/srv", "files"))')
    assert not built.tainted and built.pathlike and built.start is None, "not the whole text: unknown"
    assert ssrf_lines('requests.get(json.loads(request.data))') == [1]
    assert ssrf_lines('requests.get(os.path.join(BASE_URL, request.args["p"]))') == []


@pytest.mark.parametrize("func", ["urljoin", "urllib.parse.urljoin", "parse.urljoin"])
def test_urljoin_lets_an_absolute_second_argument_choose_the_host(func: str) -> None:
    assert sink_arg(f'sink({func}("https://api.example.com/", request.args["p"]))').start == ""
    assert sink_arg(f'sink({func}(request.args["base"], "/x"))').start == ""
    kept = sink_arg(f'sink({func}("https://api.example.com/", "/x"))')
    assert not kept.tainted
    assert ssrf_lines(f'requests.get({func}("https://api.example.com/", request.args["p"]))') == [1]
    assert sink_arg(f'sink({func}(BASE, url=request.args["p"]))').tainted


def test_a_same_file_helper_passes_request_data_through() -> None:
    source = """\
        def profile_url(user):
            return "https://api.example.com/u/" + user

        def label(user):
            return "fixed"

        def safe_name(name):
            return secure_filename(name)

        def under_base(name):
            return Path("/srv") / name

        sink(profile_url(request.args["u"]))
        sink(label(request.args["u"]))
        sink(safe_name(request.args["u"]))
        sink(under_base(request.args["u"]))
        sink(profile_url("me"))
        """
    url, label, name, path, constant = (call.args[0] for call in calls_named(source, "sink"))
    assert url.tainted and url.start == "https://api.example.com/u/" and url.source == "request.args"
    assert not label.tainted
    assert name.tainted and not name.unsafe_for(PATH) and name.unsafe_for(SHELL)
    assert path.tainted and path.pathlike
    assert not constant.tainted


def test_a_helper_that_builds_a_path_is_judged_at_its_caller() -> None:
    source = """\
        def under_base(name):
            return Path("/srv") / name

        under_base(request.args["f"]).read_text()
        """
    assert traversal_lines(source) == [4]


@pytest.mark.parametrize("client", ["requests.Session", "requests.session", "Session", "httpx.Client",
                                    "httpx.AsyncClient", "aiohttp.ClientSession", "urllib3.PoolManager"])
def test_a_client_session_sends_requests(client: str) -> None:
    source = f"""\
        s = {client}()
        s.get(request.args["url"])
        """
    assert sink_call(source, "s.get").receiver.http_client
    assert ssrf_lines(source) == [2]
    assert not sink_arg("sink(make_client())").http_client


# --- methods ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["strip", "lstrip", "rstrip", "lower", "upper", "casefold", "encode",
                                    "decode", "replace"])
def test_a_method_that_keeps_the_text_keeps_its_start(method: str) -> None:
    value = sink_arg(f'sink(("https://api.example.com/" + request.args["p"]).{method}())')
    assert value.tainted and value.start == "https://api.example.com/"


def test_other_methods_of_request_data_are_request_data_with_unknown_text() -> None:
    value = sink_arg('sink(("https://api.example.com/" + request.args["p"]).title())')
    assert value.tainted and value.start == ""
    assert sink_arg('sink(request.args["a"].split(","))').tainted


@pytest.mark.parametrize("method", ["resolve", "absolute", "joinpath", "with_name", "with_suffix"])
def test_a_path_method_that_returns_a_path_keeps_it_a_path(method: str) -> None:
    source = f"""\
        from pathlib import Path
        p = (Path("/srv") / request.args["f"]).{method}("x")
        p.read_text()
        """
    assert traversal_lines(source) == [3]


def test_a_path_method_that_returns_text_is_not_a_path() -> None:
    value = sink_arg('sink((Path("/srv") / request.args["f"]).as_posix())')
    assert value.tainted and not value.pathlike
    value = sink_arg('sink(request.args["f"].resolve())')
    assert value.tainted and not value.pathlike


def test_format_on_a_literal_starts_with_the_text_before_the_first_field() -> None:
    value = sink_arg('sink("https://api.example.com/{}/items/{}".format(request.args["a"], 1))')
    assert value.tainted and value.start == "https://api.example.com/"
    value = sink_arg('sink("{}".format(request.args["a"]))')
    assert value.tainted and value.start == ""
    untainted = sink_arg('sink("https://api.example.com/{}".format(user_id))')
    assert not untainted.tainted and untainted.start is None


def test_join_on_a_literal_separator_passes_request_data() -> None:
    value = sink_arg('sink(",".join(request.args.getlist("a")))')
    assert value.tainted and value.start == ""
    untainted = sink_arg('sink(",".join(["a", "b"]))')
    assert not untainted.tainted and untainted.start is None


def test_joinpath_on_a_path_adds_request_data() -> None:
    source = """\
        from pathlib import Path
        Path("/srv").joinpath(request.args["f"]).read_text()
        (Path("/srv").joinpath("files") / request.args["f"]).read_text()
        """
    assert traversal_lines(source) == [2, 3]
    value = sink_arg('sink(Path("/srv").joinpath("files"))')
    assert not value.tainted and value.pathlike


# --- comprehensions and lambdas (calls in them were not recorded before) -------------------------------


def test_a_sink_in_a_comprehensions_iterable_or_condition_is_found() -> None:
    source = """\
        names = [n for n in os.listdir(request.args["dir"])]
        kept = [n for n in NAMES if open(request.args["f"])]
        nested = [open(part) for name in request.args.getlist("x") for part in name.split(",")]
        """
    assert traversal_lines(source) == [1, 2, 3]


@pytest.mark.parametrize("comprehension", ['[open(f).read() for f in request.args.getlist("f")]',
                                           '{open(f) for f in request.args.getlist("f")}',
                                           '(open(f) for f in request.args.getlist("f"))',
                                           '{k: open(v) for k, v in request.args.items()}',
                                           '{open(k): v for k, v in request.args.items()}'])
def test_a_loop_variable_of_a_comprehension_carries_request_data(comprehension: str) -> None:
    assert traversal_lines(f"data = {comprehension}") == [1]


def test_a_comprehension_holds_what_its_elements_hold() -> None:
    value = sink_arg('sink([x.strip() for x in request.args.getlist("a")])')
    assert value.tainted and value.start == "" and value.source == "request.args.getlist"
    assert sink_arg('sink({v: 1 for v in request.args.getlist("a")})').tainted
    assert sink_arg('sink({1: v for v in request.args.getlist("a")})').tainted
    untainted = sink_arg('sink([x for x in ("a", "b")])')
    assert not untainted.tainted and untainted.start is None
    assert not sink_arg('sink([int(x) for x in request.args.getlist("id")])').tainted


def test_a_comprehensions_loop_variable_stays_inside_it() -> None:
    source = """\
        f = "report.txt"
        names = [f for f in request.args.getlist("f")]
        open(f)
        """
    assert traversal_lines(source) == []


def test_a_lambdas_defaults_are_evaluated_where_it_is_written() -> None:
    source = """\
        first = lambda p=open(request.args["f"]): p
        second = lambda *, p=open(request.args["g"]): p
        third = lambda: open(request.args["h"])
        """
    assert traversal_lines(source) == [1, 2, 3]
