"""Which parameters of a Python function the data-flow layer treats as request data (a route handler's
URL and query parameters, a Django view's arguments), which names are the request, and which files it
bothers to analyse at all."""

from __future__ import annotations

import textwrap

import pytest

from persona_review.checks._pyflow import may_have_routes, may_have_sources
from persona_review.checks.base import FileContext
from persona_review.checks.py_flow_security import path_traversal, xxe
from persona_review.checks.py_route_guard import route_without_guard
from persona_review.contexts import context_for_text


def ctx_of(source: str) -> FileContext:
    return context_for_text("app.py", textwrap.dedent(source))


def traversal_lines(source: str) -> list[int]:
    return [hit.line for hit in path_traversal(ctx_of(source))]


# --- the request object ----------------------------------------------------------------------------------

SOURCE_ATTRS = ["args", "form", "values", "json", "data", "files", "headers", "cookies", "GET", "POST", "body",
                "META", "FILES", "COOKIES", "query_params", "path_params", "query_string", "get_json",
                "get_data", "query", "match_info", "raw_post_data", "stream", "environ"]
REQUEST_NAMES = ["request", "req", "self.request", "flask.request"]


@pytest.mark.parametrize("request_name", REQUEST_NAMES)
@pytest.mark.parametrize("attr", SOURCE_ATTRS)
def test_each_part_of_the_request_reaches_a_file_sink(request_name: str, attr: str) -> None:
    assert traversal_lines(f"open({request_name}.{attr})") == [1]
    assert traversal_lines(f"open({request_name}.{attr}.path)") == [1]


@pytest.mark.parametrize("expr", ["request.user", "request.method", "req_data.path", "req_args.name",
                                  "requests.args", "self.request_args.name", "request", "flask.args",
                                  "my_request.args", "request_args.get('a')"])
def test_what_is_not_request_data(expr: str) -> None:
    assert traversal_lines(f"open({expr})") == []


# --- route handlers and views --------------------------------------------------------------------------

ROUTE_DECORATORS = ["app.route", "app.get", "bp.post", "router.put", "router.patch", "router.delete",
                    "app.head", "app.options", "app.api_route", "app.websocket", "route"]


@pytest.mark.parametrize("decorator", ROUTE_DECORATORS)
def test_a_route_handlers_parameters_are_request_data(decorator: str) -> None:
    source = f"""\
        @login_required
        @{decorator}("/files/<name>")
        def download(name, mode="r"):
            open(name)
            open(mode)
        """
    assert traversal_lines(source) == [4, 5]


def test_drf_decorators_make_a_view() -> None:
    source = """\
        @api_view(["GET"])
        def download(request, name):
            open(name)

        class Files(ViewSet):
            @action(detail=True)
            def fetch(self, request, pk, name):
                open(name)
        """
    assert traversal_lines(source) == [3, 8]


def test_a_plain_function_is_not_a_handler() -> None:
    source = """\
        @cache
        def load(name):
            open(name)

        def format_pair(a, b):
            open(a)

        def nothing():
            return 1
        """
    assert traversal_lines(source) == []


def test_a_django_views_arguments_after_request_are_request_data() -> None:
    source = """\
        def download(request, name, **kwargs):
            open(name)
            open(kwargs["path"])
            open(request.user.home)

        class Download(View):
            def get(self, request, name):
                open(name)
                open(self.root)
        """
    assert traversal_lines(source) == [2, 3, 8]


def test_keyword_arguments_of_a_flask_route_are_not_request_data() -> None:
    source = """\
        @app.route("/a")
        def view(**options):
            open(options["path"])
        """
    assert traversal_lines(source) == []


@pytest.mark.parametrize("name", ["self", "cls", "request", "req", "db", "session"])
def test_framework_parameters_are_not_request_data(name: str) -> None:
    source = f"""\
        @app.get("/items/{{item}}")
        def read(item, {name}):
            open({name})
            open(item)
        """
    assert traversal_lines(source) == [4]


@pytest.mark.parametrize("dependency", ["Depends", "Security", "fastapi.Depends", "fastapi.params.Security"])
def test_injected_dependencies_are_not_request_data(dependency: str) -> None:
    source = f"""\
        @router.get("/items/{{item}}")
        def read(item, user=Depends(current_user), *, store={dependency}(get_store), q=None, limit):
            open(user)
            open(store)
            open(q)
            open(limit)
        """
    assert traversal_lines(source) == [5, 6]


def test_positional_dependencies_are_matched_to_their_parameters() -> None:
    source = """\
        @router.get("/items/{item}")
        def read(item, q, user=Depends(current_user), token=Security(check_token)):
            open(item)
            open(q)
            open(user)
            open(token)
        """
    assert traversal_lines(source) == [3, 4]


@pytest.mark.parametrize("rule", ["/u/<int:uid>", "/u/<float:uid>", "/u/<uuid:uid>", "/u/{uid:int}",
                                  "/u/{uid:float}", "/u/{uid:uuid}"])
def test_a_converted_route_parameter_is_not_request_data(rule: str) -> None:
    source = f"""\
        @app.route("{rule}/<name>")
        def show(uid, name):
            open(uid)
            open(name)
        """
    assert traversal_lines(source) == [4]


def test_the_route_rule_is_the_decorators_first_argument() -> None:
    source = """\
        @app.route("/u/<int:uid>", show_endpoint)
        def show(uid):
            open(uid)

        @app.route(RULE, "/u/<int:uid>")
        def other(uid):
            open(uid)
        """
    assert traversal_lines(source) == [7]


@pytest.mark.parametrize("annotation", ["int", "float", "bool", "UUID", "uuid.UUID", "date", "datetime",
                                        "Decimal"])
def test_a_parameter_typed_as_a_value_is_not_request_data(annotation: str) -> None:
    source = f"""\
        @app.get("/items")
        def read(item_id: {annotation}, name: str, raw):
            open(item_id)
            open(name)
            open(raw)
        """
    assert traversal_lines(source) == [4, 5]


# --- which files are analysed ---------------------------------------------------------------------------

ROUTE_WORDS = ["route", "get", "post", "put", "patch", "delete", "head", "options", "api_route", "websocket"]


@pytest.mark.parametrize("verb", ROUTE_WORDS)
def test_a_file_with_a_route_and_no_request_is_analysed(verb: str) -> None:
    source = f"""\
        @app.{verb}("/files/{{name}}")
        async def fetch(name):
            open(name)
        """
    assert "req" not in source
    assert may_have_sources(ctx_of(source)) and may_have_routes(ctx_of(source))
    assert traversal_lines(source) == [3]


def test_a_file_without_a_request_or_a_decorator_is_skipped() -> None:
    for source in ('open(name)\nx = d.get("a")\n', "@cache\ndef f(name):\n    open(name)\n",
                   "x = a @ b\n"):
        assert not may_have_sources(ctx_of(source)), source
        assert not may_have_routes(ctx_of(source)), source
    assert may_have_sources(ctx_of("x = req\n")) and not may_have_routes(ctx_of("x = req\n"))


@pytest.mark.parametrize("decorator", ['@api_view(["GET"])', "@action(detail=True)"])
def test_drf_decorators_count_as_routes(decorator: str) -> None:
    ctx = ctx_of(f"{decorator}\ndef f(self, x):\n    pass\n")
    assert may_have_routes(ctx) and may_have_sources(ctx)


def test_route_guard_sees_drf_routes_and_guards() -> None:
    source = """\
        @app.post("/a")
        @login_required
        def a():
            pass

        @app.post("/b")
        @login_required
        def b():
            pass

        @app.post("/c")
        def c():
            pass
        """
    assert [hit.line for hit in route_without_guard(ctx_of(source))] == [12]


def test_an_xml_parser_with_entities_on_is_found() -> None:
    source = """\
        parser = etree.XMLParser(resolve_entities=True)
        safe = etree.XMLParser(resolve_entities=False)
        """
    assert [hit.line for hit in xxe(ctx_of(source))] == [1]
