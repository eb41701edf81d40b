"""Python SSRF and file sinks reached through imported aliases, SDK clients made for an address taken
from the request, and uploaded files saved under the caller's name. A line marked `# <-` is reported,
every other line is not."""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Callable, Iterator

import pytest

from persona_review.checks import py_flow_security as sec
from persona_review.checks._py_imports import canonical, imported_names
from persona_review.checks._pyflow import flows
from persona_review.checks.base import FileContext, Hit
from persona_review.contexts import context_for_text

Check = Callable[[FileContext], Iterator[Hit]]
MARK = "# <-"


def _context(source: str) -> FileContext:
    return context_for_text("app/views.py", textwrap.dedent(source).lstrip("\n"))


def assert_marked(check: Check, source: str) -> None:
    text = textwrap.dedent(source).lstrip("\n")
    want = [n for n, line in enumerate(text.splitlines(), start=1) if line.rstrip().endswith(MARK)]
    assert sorted({hit.line for hit in check(_context(source)) if hit.line is not None}) == want


# --- imported names ---------------------------------------------------------------------------------------

def test_imported_names_map_aliases_and_from_imports() -> None:
    text = textwrap.dedent("""
        import requests as rq
        import os
        from requests import get as fetch, post
        from os import path
        from . import local
        from mod import *
        """)
    [flow] = flows(context_for_text("app.py", text))
    names = imported_names(flow)
    assert names == {"rq": "requests", "fetch": "requests.get", "post": "requests.post", "path": "os.path"}
    assert canonical("rq.get", names) == "requests.get"
    assert canonical("fetch", names) == "requests.get"
    assert canonical("path.join", names) == "os.path.join"
    assert canonical("other.get", names) == "other.get"


def test_a_fetch_through_an_alias_is_reported() -> None:
    assert_marked(sec.ssrf, """
        import requests as rq
        from requests import get as fetch
        from urllib.request import urlopen as grab
        from flask import request

        def view():
            url = request.args["url"]
            fetch(url, timeout=5)  # <-
            rq.post(url, timeout=5)  # <-
            grab(url)  # <-
            fetch("https://api.example.com/items/" + url, timeout=5)
        """)


def test_a_file_sink_through_an_alias_is_reported() -> None:
    assert_marked(sec.path_traversal, """
        from os import remove as delete_file
        from flask import request

        def view():
            delete_file(request.args["name"])  # <-
            delete_file("/tmp/cache.json")
        """)


# --- connections and SDK clients --------------------------------------------------------------------------

@pytest.mark.parametrize("make", ["socket.create_connection((host, 443))", "smtplib.SMTP(host)",
                                  "smtplib.SMTP_SSL(host)", "ftplib.FTP(host)", "ftplib.FTP_TLS(host)"])
def test_a_connection_to_a_host_from_the_request_is_reported(make: str) -> None:
    assert_marked(sec.ssrf, f"""
        import ftplib, smtplib, socket
        from flask import request

        def view():
            host = request.args["host"]
            conn = {make}  # <-
            fixed = {make.replace("host", '"mail.example.com"', 1)}
        """)


@pytest.mark.parametrize("requester", ["urllib3.PoolManager().request", "urllib3.request", "aiohttp.request"])
def test_a_requester_is_reported_for_its_url_argument(requester: str) -> None:
    assert_marked(sec.ssrf, f"""
        import aiohttp, urllib3
        from flask import request

        def view():
            target = request.args["url"]
            {requester}("GET", target)  # <-
            {requester}("GET", "https://api.example.com/" + target)
        """)


def test_an_sdk_client_for_an_address_from_the_request_is_reported() -> None:
    assert_marked(sec.ssrf, """
        import boto3, httpx
        from azure.storage.blob import BlobServiceClient, BlobClient
        from azure.keyvault.secrets import SecretClient
        from flask import request

        def view():
            where = request.args["where"]
            boto3.client("s3", endpoint_url=where)  # <-
            BlobServiceClient(where)  # <-
            BlobServiceClient(account_url=where)  # <-
            BlobClient.from_blob_url(where)  # <-
            SecretClient(vault_url=where, credential=None)  # <-
            httpx.Client(base_url=where)  # <-
            BlobServiceClient(f"https://{where}.blob.core.windows.net")  # <-

        def fixed_host():
            part = request.args["part"]
            boto3.client("s3", region_name=part)
            BlobClient.from_blob_url(f"https://acct.blob.core.windows.net/{part}")
            BlobServiceClient("https://acct.blob.core.windows.net", credential=part)
            httpx.Client(base_url="https://api.example.com/", headers={"x": part})
        """)


@pytest.mark.parametrize("keyword", ["base_url", "endpoint_url", "account_url", "vault_url", "endpoint", "url",
                                     "host"])
def test_every_address_keyword_of_a_client_is_watched(keyword: str) -> None:
    assert_marked(sec.ssrf, f"""
        from flask import request

        def view():
            ServiceClient({keyword}=request.args["where"])  # <-
            ServiceClient({keyword}="https://api.example.com/", token=request.args["t"])
        """)


@pytest.mark.parametrize("client", ["pymongo.MongoClient", "motor.motor_asyncio.AsyncIOMotorClient",
                                    "azure.data.tables.TableServiceClient"])
def test_clients_that_take_their_address_first(client: str) -> None:
    module, _, name = client.rpartition(".")
    assert_marked(sec.ssrf, f"""
        from {module} import {name}
        from flask import request

        def view():
            {name}(request.args["where"])  # <-
            {name}("mongodb://db.internal:27017", request.args["t"])
        """)


def test_flask_send_from_directory_spelled_in_full_is_judged_by_its_directory() -> None:
    assert_marked(sec.path_traversal, """
        import flask

        def view():
            flask.send_from_directory(flask.request.args["dir"], "a.txt")  # <-
            flask.send_from_directory("/srv", flask.request.args["name"])
        """)


def test_a_client_whose_first_argument_is_not_an_address_is_judged_by_its_keywords() -> None:
    assert_marked(sec.ssrf, """
        from flask import request

        def view():
            token = request.headers["Authorization"]
            GitHubClient(token)
            ApiClient(token, base_url="https://api.example.com")
            ApiClient(token, endpoint=request.args["e"])  # <-
        """)


# --- uploads ----------------------------------------------------------------------------------------------

def test_an_upload_saved_under_its_own_name_is_reported() -> None:
    assert_marked(sec.path_traversal, """
        import os
        from flask import request
        from werkzeug.utils import secure_filename

        UPLOADS = "/srv/uploads"

        def view():
            upload = request.files["file"]
            upload.save(os.path.join(UPLOADS, upload.filename))  # <-
            upload.save(os.path.join(UPLOADS, secure_filename(upload.filename)))
            upload.save("/srv/uploads/latest.bin")

        def not_an_upload(form):
            form.save(request.args["name"])
        """)


def test_the_imported_name_table_ignores_relative_imports() -> None:
    tree = ast.parse("from .views import open as local_open\nlocal_open(x)\n")
    [flow] = flows(context_for_text("app.py", ast.unparse(tree)))
    assert imported_names(flow) == {}


# --- a check's result kept in a name ----------------------------------------------------------------------

def test_a_check_whose_result_is_kept_in_a_name_protects_the_branch_it_guards() -> None:
    assert_marked(sec.open_redirect, """
        from django.http import HttpResponseRedirect
        from django.utils.http import url_has_allowed_host_and_scheme

        def view(request):
            target = request.GET.get("next")
            ok = url_has_allowed_host_and_scheme(url=target, allowed_hosts={request.get_host()})
            if ok:
                return HttpResponseRedirect(target)
            return HttpResponseRedirect(target)  # <-

        def negated(request):
            target = request.GET.get("next")
            ok = url_has_allowed_host_and_scheme(url=target, allowed_hosts={request.get_host()})
            if not ok:
                return HttpResponseRedirect(target)  # <-
            return HttpResponseRedirect(target)

        def reassigned(request):
            target = request.GET.get("next")
            ok = url_has_allowed_host_and_scheme(url=target, allowed_hosts={request.get_host()})
            ok = True
            if ok:
                return HttpResponseRedirect(target)  # <-
        """)


def test_a_prefix_check_kept_in_a_name_still_does_not_protect_a_path() -> None:
    assert_marked(sec.path_traversal, """
        from flask import request

        def view():
            name = request.args["name"]
            ok = name.startswith("docs/")
            if ok:
                return open(name)  # <-
        """)


# --- a test that the URL names no host --------------------------------------------------------------------

def test_a_url_without_a_host_after_backslashes_are_replaced_is_a_safe_redirect() -> None:
    assert_marked(sec.open_redirect, """
        from urllib.parse import urlparse
        from flask import redirect, request

        def inside():
            target = request.args.get("next", "").replace("\\\\", "/")
            if not urlparse(target).netloc and not urlparse(target).scheme:
                return redirect(target)
            return redirect(target)  # <-

        def compared():
            target = request.args.get("next", "")
            target = target.replace("\\\\", "")
            parts = urlparse(target)
            if parts.netloc == "" and is_enabled():
                return redirect(target)

        def left_early():
            target = request.args.get("next", "").replace("\\\\", "/")
            if urlparse(target).netloc or urlparse(target).scheme:
                return redirect("/")
            return redirect(target)

        def logged_only():
            target = request.args.get("next", "").replace("\\\\", "/")
            if urlparse(target).hostname:
                log("external")
            return redirect(target)  # <-

        def backslashes_kept():
            target = request.args.get("next", "")
            if not urlparse(target).netloc:
                return redirect(target)  # <-

        def host_present():
            target = request.args.get("next", "").replace("\\\\", "/")
            if urlparse(target).netloc != "":
                return redirect(target)  # <-
        """)


def test_a_url_without_a_host_is_still_unsafe_for_other_sinks() -> None:
    assert_marked(sec.path_traversal, """
        from urllib.parse import urlparse
        from flask import request

        def view():
            name = request.args.get("name", "").replace("\\\\", "/")
            if not urlparse(name).netloc:
                return open(name)  # <-
        """)


# --- shell scripts started through os.exec* and os.spawn* -------------------------------------------------

def test_a_shell_script_from_the_request_started_through_exec_or_spawn_is_reported() -> None:
    assert_marked(sec.command_input, """
        import os
        from flask import request

        def view():
            script = request.args["script"]
            os.execv("/bin/sh", ["sh", "-c", script])  # <-
            os.execl("/bin/bash", "bash", "-lc", "ls " + script)  # <-
            os.spawnl(os.P_WAIT, "/bin/bash", "bash", "-c", script)  # <-
            os.spawnve(os.P_WAIT, "/bin/sh", ["sh", "-c", script], os.environ)  # <-
            os.posix_spawn("/bin/sh", ["sh", "-c", script], os.environ)  # <-

        def safe():
            name = request.args["name"]
            os.execv("/bin/sh", ["sh", "-c", "ls -la"])
            os.execl("/bin/sh", "sh", "-c", "ls -la", name)
            os.execv("/usr/bin/ls", ["ls", "-c", name])
            os.spawnl(os.P_WAIT, "/usr/bin/grep", "grep", "-c", name)
            os.execv("/bin/sh", ["sh", "-c", "ls -la"] + EXTRA)
        """)
