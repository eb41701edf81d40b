"""Where the SDK client sends requests: from explicit settings only when the environment is not trusted."""

from __future__ import annotations

import pytest

from persona_review.model.client import CallFailed, Endpoint, connect

ROGUE = "http://rogue.invalid"
SDK_URL_VARIABLES = ("ANTHROPIC_BASE_URL", "ANTHROPIC_BEDROCK_BASE_URL", "ANTHROPIC_VERTEX_BASE_URL")


@pytest.fixture
def hostile_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in SDK_URL_VARIABLES:
        monkeypatch.setenv(name, ROGUE)


@pytest.mark.usefixtures("hostile_env")
@pytest.mark.parametrize(("endpoint", "expected"), [
    (Endpoint("anthropic", "sk-ant-k", 5, trust_environment=False), "https://api.anthropic.com"),
    (Endpoint("bedrock", None, 5, region="eu-west-1", trust_environment=False),
     "https://bedrock-runtime.eu-west-1.amazonaws.com"),
    (Endpoint("vertex", None, 5, region="us-east5", project_id="p-1", trust_environment=False),
     "https://us-east5-aiplatform.googleapis.com/v1"),
    (Endpoint("vertex", None, 5, region="global", project_id="p-1", trust_environment=False),
     "https://aiplatform.googleapis.com/v1"),
    (Endpoint("vertex", None, 5, region="eu", project_id="p-1", trust_environment=False),
     "https://aiplatform.eu.rep.googleapis.com/v1"),
])
def test_untrusted_environment_cannot_move_the_endpoint(endpoint: Endpoint, expected: str) -> None:
    assert connect(endpoint).base_url.rstrip("/") == expected


@pytest.mark.usefixtures("hostile_env")
def test_an_explicit_base_url_wins_and_a_trusted_environment_is_read() -> None:
    explicit = Endpoint("anthropic", "k", 5, base_url="http://gateway.internal", trust_environment=False)
    assert connect(explicit).base_url.rstrip("/") == "http://gateway.internal"
    # The CLI trusts the developer's own variables, as any tool does.
    assert connect(Endpoint("anthropic", "k", 5)).base_url.rstrip("/") == ROGUE


def test_a_region_from_the_job_can_only_pick_an_official_host(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_REGION", "us-west-2")
    api = connect(Endpoint("bedrock", None, 5, trust_environment=False))
    assert api.base_url.rstrip("/") == "https://bedrock-runtime.us-west-2.amazonaws.com"
    monkeypatch.setenv("AWS_REGION", "evil.example/x")
    with pytest.raises(CallFailed, match="`region` must be letters, digits and hyphens"):
        connect(Endpoint("bedrock", None, 5, trust_environment=False))


def test_a_missing_region_is_a_clear_fatal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AWS_REGION", "AWS_DEFAULT_REGION", "CLOUD_ML_REGION"):
        monkeypatch.delenv(name, raising=False)
    for provider in ("bedrock", "vertex"):
        with pytest.raises(CallFailed, match=f"provider {provider} needs a region") as info:
            connect(Endpoint(provider, None, 5, trust_environment=False))
        assert info.value.fatal and not info.value.retryable


def test_unknown_provider_and_missing_key() -> None:
    with pytest.raises(CallFailed, match="unknown provider 'openai'"):
        connect(Endpoint("openai", "k", 5))
    with pytest.raises(CallFailed, match="no API key"):
        connect(Endpoint("anthropic", None, 5, trust_environment=False))
