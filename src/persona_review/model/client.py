"""The adapter around the `anthropic` SDK: the only module that imports it.

`connect` returns a `MessagesAPI` for an `Endpoint`: the provider (the Anthropic API, Amazon Bedrock or
Google Vertex, through the SDK's own clients), an optional base URL for proxies and gateways, and
whether environment variables may add to them (the CLI: yes; the Action: no). Its
`create` sends one Messages request and returns the `report_findings` tool input, the stop reason and
the token usage; every SDK failure becomes a `CallFailed` that says whether to retry.

The SDK's own retries are switched off (`max_retries=0`): `retry.call_with_retries` owns the policy so
that it is the same on every provider, honours `retry-after`, and can be made fast in tests by
configuration. The API key is passed to the SDK and never appears in an error message or a log line.
"""

from __future__ import annotations

import email.utils
import os
import re
import time
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import anthropic
import httpx2

from persona_review.errors import ModelError
from persona_review.lazy_re import lazy_re
from persona_review.result import Usage

PROVIDERS = ("anthropic", "bedrock", "vertex")
DEFAULT_MODEL = "claude-sonnet-4-6"
"""The model used when the config names none: fixed here (not taken from the SDK's model list, which
changes with every release), present in the price table and in the tested SDK range's model list."""


class CallFailed(ModelError):
    """One request failed. `retryable`: worth another try; `fatal`: no request of this run can succeed
    (bad key, no access, unknown model), so the rest are not sent."""

    def __init__(self, message: str, *, retryable: bool, fatal: bool = False,
                 retry_after: float | None = None, too_long: bool = False,
                 maybe_billed: bool = False, temperature_refused: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.fatal = fatal
        self.retry_after = retry_after
        self.too_long = too_long
        """The API refused the request as longer than the model's context window: send it in parts."""
        self.maybe_billed = maybe_billed
        """The request reached the API and may have been billed though no usage came back (a timeout)."""
        self.temperature_refused = temperature_refused
        """The model does not take a `temperature` (newer models reject it): send again without one."""


@dataclass(frozen=True, slots=True)
class MessageRequest:
    model: str
    system: list[dict[str, Any]]
    user_text: str
    tools: list[dict[str, Any]]
    tool_choice: dict[str, Any]
    max_tokens: int
    temperature: float | None = None
    user_prefix: str = ""
    """Text every request of the run shares (PR text, file manifest): sent before `user_text` as its
    own block, marked for prompt caching."""


@dataclass(frozen=True, slots=True)
class Reply:
    tool_inputs: tuple[object, ...]
    """Inputs of every call of the forced tool (`report_findings`, or `verify_findings` for the
    verification pass) in the reply, in order (empty when there is none)."""
    stop_reason: str | None
    usage: Usage

    @property
    def tool_input(self) -> object | None:
        """The first `report_findings` input, or None."""
        return self.tool_inputs[0] if self.tool_inputs else None


class MessagesAPI(Protocol):
    @property
    def base_url(self) -> str: ...

    def create(self, request: MessageRequest, on_start: Callable[[], None] | None = None) -> Reply:
        """Send `request`. With `on_start`, the reply is streamed and `on_start` is called when it starts
        (`message_start`: the prompt cache it writes is readable from then on)."""
        ...


def default_model() -> str:
    return DEFAULT_MODEL


def sdk_models() -> list[str]:
    """The model ids the installed SDK lists (newest first)."""
    return _literal_strings(anthropic.types.Model)


def _literal_strings(annotation: object) -> list[str]:
    """The string values of a (possibly nested) Literal / Union annotation, in order."""
    out: list[str] = []
    for arg in typing.get_args(annotation):
        if isinstance(arg, str):
            out.append(arg)
        else:
            out.extend(_literal_strings(arg))
    return out


ANTHROPIC_URL = "https://api.anthropic.com"
_REGION = lazy_re(r"[a-z0-9-]{1,40}")
_PROJECT = lazy_re(r"[a-z0-9-]{1,63}")


@dataclass(frozen=True, slots=True)
class Endpoint:
    """Where the model requests go, and with what: every value the SDK client is built from.

    `trust_environment` says whether variables of the process may add to it: the SDK's own
    (`ANTHROPIC_BASE_URL`, `ANTHROPIC_BEDROCK_BASE_URL`, `ANTHROPIC_VERTEX_BASE_URL`) and the HTTP client's
    (`HTTPS_PROXY` and friends, `SSL_CERT_FILE`, `.netrc`). The CLI trusts them, as any tool on a
    developer's machine does. The Action does not: there every destination comes from the base branch's
    config, and a region or project read from the job's variables can only select an official host.
    """

    provider: str
    api_key: str | None
    timeout: float
    base_url: str | None = None
    region: str | None = None
    project_id: str | None = None
    proxy: str | None = None
    trust_environment: bool = True


def connect(endpoint: Endpoint) -> MessagesAPI:
    """A Messages API client for `endpoint.provider`. Bedrock and Vertex take their credentials the way
    their SDK clients do (AWS_* and Google application-default credentials); they are sent only to the
    host `endpoint` names."""
    provider = endpoint.provider
    try:
        client = _client(endpoint)
    except CallFailed:
        raise
    except (anthropic.AnthropicError, ValueError, RuntimeError, ImportError) as exc:
        # The Bedrock and Vertex clients raise ValueError/RuntimeError for a missing region or project,
        # and ImportError when boto3 / google-auth is not installed.
        raise CallFailed(f"cannot set up the {provider} client: {type(exc).__name__}: {_short(str(exc))}",
                         retryable=False, fatal=True) from None
    return _SDKMessages(client)


_Client = anthropic.Anthropic | anthropic.AnthropicBedrock | anthropic.AnthropicVertex


def _client(ep: Endpoint) -> _Client:
    if ep.provider not in PROVIDERS:
        raise CallFailed(f"unknown provider {ep.provider!r}; use one of {', '.join(PROVIDERS)}",
                         retryable=False, fatal=True)
    common: dict[str, Any] = {"timeout": ep.timeout, "max_retries": 0}
    if not ep.trust_environment or ep.proxy:
        common["http_client"] = anthropic.DefaultHttpxClient(
            trust_env=ep.trust_environment, proxy=ep.proxy, timeout=ep.timeout)
    if ep.provider == "anthropic":
        if not ep.api_key:
            raise CallFailed("no API key: set ANTHROPIC_API_KEY or the `anthropic-api-key` input",
                             retryable=False, fatal=True)
        base_url = ep.base_url or (None if ep.trust_environment else ANTHROPIC_URL)
        return anthropic.Anthropic(api_key=ep.api_key, base_url=base_url, **common)
    if ep.provider == "bedrock":
        region = _setting(ep.region, ("AWS_REGION", "AWS_DEFAULT_REGION"), _REGION, "region")
        base_url = ep.base_url
        if base_url is None and not ep.trust_environment:
            if region is None:
                raise CallFailed("provider bedrock needs a region: set `region` in the base branch's config "
                                 "or AWS_REGION in the workflow", retryable=False, fatal=True)
            base_url = f"https://bedrock-runtime.{region}.amazonaws.com"
        return anthropic.AnthropicBedrock(aws_region=region, base_url=base_url, **common)
    region = _setting(ep.region, ("CLOUD_ML_REGION",), _REGION, "region")
    project = _setting(ep.project_id, ("ANTHROPIC_VERTEX_PROJECT_ID",), _PROJECT, "project-id")
    base_url = ep.base_url
    if base_url is None and not ep.trust_environment:
        if region is None:
            raise CallFailed("provider vertex needs a region: set `region` in the base branch's config or "
                             "CLOUD_ML_REGION in the workflow", retryable=False, fatal=True)
        base_url = _vertex_url(region)
    vertex_args: dict[str, Any] = {"base_url": base_url, **common}
    if region is not None:
        vertex_args["region"] = region
    if project is not None:
        vertex_args["project_id"] = project
    return anthropic.AnthropicVertex(**vertex_args)


def _setting(configured: str | None, variables: tuple[str, ...], shape: re.Pattern[str],
             key: str) -> str | None:
    """A region or project: the configured one, else the first of the job's `variables` that is set.
    Either must look like an identifier, so it can only pick one of the provider's own hosts."""
    value = configured
    if value is None:
        value = next((os.environ[v] for v in variables if os.environ.get(v)), None)
    if value is not None and not shape.fullmatch(value):
        raise CallFailed(f"`{key}` must be letters, digits and hyphens", retryable=False, fatal=True)
    return value  # None: the SDK looks further where the environment is trusted (an AWS profile's region)


def _vertex_url(region: str) -> str:
    """The Vertex AI host for `region`, as the SDK derives it."""
    if region == "global":
        return "https://aiplatform.googleapis.com/v1"
    if region in ("us", "eu"):
        return f"https://aiplatform.{region}.rep.googleapis.com/v1"
    return f"https://{region}-aiplatform.googleapis.com/v1"


class _SDKMessages:
    def __init__(self, client: _Client):
        self._client = client

    @property
    def base_url(self) -> str:
        """Where every request of this client goes."""
        return str(self._client.base_url)

    def create(self, request: MessageRequest, on_start: Callable[[], None] | None = None) -> Reply:
        params: dict[str, Any] = {
            "model": request.model,
            "max_tokens": request.max_tokens,
            "system": request.system,
            "messages": [{"role": "user", "content": _content(request)}],
            "tools": request.tools,
            "tool_choice": request.tool_choice,
        }
        if request.temperature is not None:
            # The Messages API's `temperature`; sent as a body field so that SDK releases that no longer
            # list it as a keyword still send it.
            params["extra_body"] = {"temperature": request.temperature}
        try:
            if on_start is None:
                message = self._client.messages.create(**params)
            else:
                message = self._streamed(params, on_start)
        except anthropic.APITimeoutError:
            raise CallFailed("the request timed out", retryable=True, maybe_billed=True) from None
        except anthropic.APIConnectionError as exc:
            raise CallFailed(f"connection failed: {_short(str(exc))}", retryable=True) from None
        except anthropic.APIStatusError as exc:
            raise _status_failure(exc) from None
        except anthropic.AnthropicError as exc:
            raise CallFailed(f"{type(exc).__name__}: {_short(str(exc))}", retryable=False) from None
        except httpx2.TimeoutException:
            # A streamed reply that stalls raises the HTTP client's own error, mid-reply: it was billed.
            raise CallFailed("the streamed reply timed out", retryable=True, maybe_billed=True) from None
        except httpx2.TransportError as exc:
            raise CallFailed(f"the connection failed mid-reply: {type(exc).__name__}", retryable=True,
                             maybe_billed=True) from None
        except Exception as exc:  # noqa: BLE001 - Bedrock/Vertex sign requests with botocore/google-auth,
            # which raise their own exception types (missing credentials, expired tokens) from this call.
            raise CallFailed(f"{type(exc).__name__} from the provider client: {_short(str(exc))}",
                             retryable=False, fatal=True) from None
        # Every block calling the forced tool counts: a reply may hold several (plain dict params above:
        # the SDK's TypedDicts add nothing here).
        wanted = request.tool_choice.get("name", "report_findings")
        tool_inputs = tuple(block.input for block in message.content
                            if block.type == "tool_use" and block.name == wanted)
        u = message.usage
        usage = Usage(
            requests=1,
            input_tokens=u.input_tokens or 0,
            output_tokens=u.output_tokens or 0,
            cache_read_tokens=u.cache_read_input_tokens or 0,
            cache_write_tokens=u.cache_creation_input_tokens or 0,
        )
        return Reply(tool_inputs, message.stop_reason, usage)

    def _streamed(self, params: dict[str, Any], on_start: Callable[[], None]) -> anthropic.types.Message:
        with self._client.messages.stream(**params) as stream:
            for event in stream:
                if event.type == "message_start":
                    on_start()
            return stream.get_final_message()


def _content(request: MessageRequest) -> str | list[dict[str, Any]]:
    if not request.user_prefix:
        return request.user_text
    return [{"type": "text", "text": request.user_prefix, "cache_control": {"type": "ephemeral"}},
            {"type": "text", "text": request.user_text}]


def _status_failure(exc: anthropic.APIStatusError) -> CallFailed:
    status = exc.status_code
    kind = ""
    if isinstance(exc.body, dict):
        error = exc.body.get("error")
        if isinstance(error, dict):
            kind = str(error.get("type") or "")
    text = f"HTTP {status}{' ' + kind if kind else ''}"
    if status == 413 or (status == 400 and _says_too_long(exc.body)):
        return CallFailed(f"{text}: the prompt is too long for the model", retryable=False, too_long=True)
    if status == 400 and "temperature" in _error_message(exc.body).lower():
        return CallFailed(f"{text}: the model does not accept a temperature", retryable=False,
                          temperature_refused=True)
    if status in (401, 403):
        return CallFailed(f"{text}: the API key or credentials were refused", retryable=False, fatal=True)
    if status == 404:
        return CallFailed(f"{text}: unknown model or endpoint", retryable=False, fatal=True)
    retryable = status in (408, 409, 429) or status >= 500
    return CallFailed(text, retryable=retryable, retry_after=_retry_after(exc.response.headers))


def _error_message(body: object) -> str:
    error = body.get("error") if isinstance(body, dict) else None
    message = error.get("message") if isinstance(error, dict) else None
    return message if isinstance(message, str) else ""


def _says_too_long(body: object) -> bool:
    """Whether an error body says the prompt exceeds the context window ("prompt is too long: ...")."""
    message = _error_message(body).lower()
    return "too long" in message and "prompt" in message


def _retry_after(headers: typing.Mapping[str, str]) -> float | None:
    """Seconds to wait from `retry-after-ms` or `retry-after` (seconds or an HTTP date)."""
    raw_ms = headers.get("retry-after-ms")
    if raw_ms:
        try:
            return max(0.0, float(raw_ms) / 1000)
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if not raw:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        parsed = email.utils.parsedate_tz(raw)
        if parsed is None:
            return None
        return max(0.0, email.utils.mktime_tz(parsed) - time.time())


def _short(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
