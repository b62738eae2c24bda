"""`truce user add|list|revoke` and the refusals of `truce serve`."""

from __future__ import annotations

import json
import socket

from tests.cli.conftest import Run


def test_user_add_prints_the_token_once(run: Run) -> None:
    assert run("init").exit_code == 0
    added = run("user", "add", "ana", "--role", "party:israel")
    assert added.exit_code == 0, added.output
    token = added.output.strip().splitlines()[-1]
    assert token.startswith("truce_")
    listed = run("user", "list", "--json")
    assert json.loads(listed.output) == [
        {"name": "ana", "role": "party:israel", "active": True, "seq": 1}
    ]
    assert token not in listed.output


def test_a_bad_role_is_a_coded_error(run: Run) -> None:
    run("init")
    result = run("user", "add", "ana", "--role", "emperor")
    assert result.exit_code == 1 and "[U101]" in result.output


def test_revoke(run: Run) -> None:
    run("init")
    run("user", "add", "ana", "--role", "observer")
    assert run("user", "revoke", "ana").exit_code == 0
    assert json.loads(run("user", "list", "--json").output)[0]["active"] is False
    missing = run("user", "revoke", "nobody")
    assert missing.exit_code == 1 and "[U103]" in missing.output


def test_serve_refuses_a_public_interface_without_tls(run: Run) -> None:
    result = run("serve", "--host", "0.0.0.0", "--port", "0")
    assert result.exit_code == 1
    assert "[A100]" in result.output and "--secure-cookies" in result.output


def test_serve_on_a_busy_port_is_a_coded_error(run: Run) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--port", str(port), "--no-example")
    assert result.exit_code == 1
    assert f"[A440] port {port} on 127.0.0.1 is already in use" in result.output
    assert "--port" in result.output and "Traceback" not in result.output
