"""Settings come from flags and TRUCE_* variables, and unsafe ones are refused at start-up."""

from __future__ import annotations

import pytest

from truce.server.settings import UnsafeSettings, is_loopback, load_settings


def test_defaults_listen_on_loopback_only() -> None:
    settings = load_settings(db="x.db")
    assert settings.host == "127.0.0.1" and is_loopback(settings.host)


def test_a_public_interface_without_tls_is_refused() -> None:
    with pytest.raises(UnsafeSettings) as caught:
        load_settings(db="x.db", host="0.0.0.0")
    assert caught.value.code == "A100" and "--secure-cookies" in caught.value.message


def test_a_public_interface_behind_tls_is_accepted() -> None:
    assert load_settings(db="x.db", host="0.0.0.0", secure_cookies=True).secure_cookies


def test_environment_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUCE_PORT", "9001")
    monkeypatch.setenv("TRUCE_MAX_BODY_BYTES", "5000")
    settings = load_settings(db="x.db")
    assert (settings.port, settings.max_body_bytes) == (9001, 5000)


def test_flags_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUCE_PORT", "9001")
    assert load_settings(db="x.db", port=9002).port == 9002


def test_nonsense_limits_are_refused() -> None:
    with pytest.raises(UnsafeSettings):
        load_settings(db="x.db", max_body_bytes=10)
    with pytest.raises(UnsafeSettings):
        load_settings(db="x.db", max_body_bytes=50_000, max_upload_bytes=10_000)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("::1", True), ("[::1]", True), ("localhost", True),
     ("0.0.0.0", False), ("10.0.0.5", False), ("example.org", False)],
)  # fmt: skip
def test_loopback_detection(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
