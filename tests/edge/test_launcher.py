"""masthead.edge.varnish: the site VCL it writes, and starting and stopping varnishd."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from masthead.edge.varnish import (
    VCL_DIR,
    HostPort,
    SiteSettings,
    Varnish,
    VarnishError,
    compile_vcl,
    site_vcl,
)
from tests.edge.conftest import TEST_PARAMETERS, require_varnish

REPO = Path(__file__).resolve().parents[2]


def test_the_shipped_site_vcl_is_what_the_launcher_writes_for_its_defaults():
    assert site_vcl(SiteSettings()) == (VCL_DIR / "masthead-site.vcl").read_text()


def test_the_site_vcl_names_the_backend_the_purgers_and_the_durations():
    site = SiteSettings(
        backend=HostPort.parse("[::1]:9000"),
        purgers=["10.1.2.3", "192.168.0.0/16", "::1"],
        error_ttl=0.5,
        default_grace=7200,
    )

    vcl = site_vcl(site)

    assert re.search(r'\.host = "::1";\s+\.port = "9000";', vcl)
    acl = re.search(r"acl purge \{\n(.*?)\}", vcl, re.S).group(1)
    assert acl.split() == ['"10.1.2.3";', '"192.168.0.0"/16;', '"::1";']
    assert re.search(r"sub masthead_error_ttl \{\s+set beresp.ttl = 0.5s;", vcl)
    assert re.search(r"sub masthead_default_grace \{\s+set beresp.grace = 2h;", vcl)


def test_the_site_vcl_names_the_inner_tiers_socket():
    vcl = site_vcl(SiteSettings(stitch_socket="/srv/edge/stitch.sock"))

    assert re.search(r'backend stitcher \{\s+\.path = "/srv/edge/stitch.sock";', vcl)


@pytest.mark.parametrize("socket", ["stitch.sock", "/" + "d" * 120 + "/stitch.sock", '/a"b'])
def test_an_inner_socket_varnishd_cannot_open_is_refused(socket):
    with pytest.raises(ValueError, match="absolute path of at most 107 bytes"):
        site_vcl(SiteSettings(stitch_socket=socket))


def test_a_working_directory_too_deep_for_the_inner_socket_says_so(varnish_installed, tmp_path):
    deep = tmp_path / ("d" * 110)
    edge = Varnish("127.0.0.1:0", "127.0.0.1:9", work_dir=deep)

    with pytest.raises(VarnishError, match="give a shorter working directory"):
        edge.start()
    assert edge.pid is None


@pytest.mark.parametrize("purger", ['127.0.0.1"; } sub vcl_recv { "', "localhost", ""])
def test_a_purger_that_is_not_an_address_is_refused(purger):
    with pytest.raises(ValueError):
        site_vcl(SiteSettings(purgers=[purger]))


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("127.0.0.1:8000", HostPort("127.0.0.1", 8000)),
        ("[::1]:0", HostPort("::1", 0)),
        ("app.internal:8001", HostPort("app.internal", 8001)),
    ],
)
def test_addresses_are_read(text, parsed):
    assert HostPort.parse(text) == parsed
    assert str(parsed) == text


@pytest.mark.parametrize("text", ["127.0.0.1", ":8000", 'evil";}:80', "host:99999"])
def test_a_bad_address_is_refused(text):
    with pytest.raises(ValueError):
        HostPort.parse(text)


@pytest.mark.parametrize(
    ("ci", "outcome"), [("true", pytest.fail.Exception), (None, pytest.skip.Exception)]
)
def test_without_varnish_the_tests_skip_but_fail_under_ci(monkeypatch, ci, outcome):
    monkeypatch.setattr("masthead.edge.varnish.find_program", lambda name: None)
    if ci:
        monkeypatch.setenv("CI", ci)
    else:
        monkeypatch.delenv("CI", raising=False)

    with pytest.raises(outcome, match="apt-get install -y varnish varnish-modules"):
        require_varnish()


def test_the_vcl_compiles_for_another_site(varnish_installed):
    compile_vcl(SiteSettings(backend=HostPort("10.0.0.5", 80), purgers=[]))


def test_the_varnish_context_manager_starts_answers_and_cleans_up(varnish_installed, app):
    app.page("/launcher/", "<p>Up</p>")

    with Varnish(
        "127.0.0.1:0", app.address, storage="malloc,16m", parameters=TEST_PARAMETERS
    ) as edge:
        pid, work_dir = edge.pid, edge.work_dir
        response = requests.get(edge.url + "/launcher/", timeout=10)
        assert (response.status_code, response.headers["X-Cache"]) == (200, "MISS")

    assert edge.address is None
    assert not work_dir.exists()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_a_varnish_that_cannot_listen_says_why(varnish_installed, app):
    # The application already holds this port.
    edge = Varnish(app.address, app.address, parameters=TEST_PARAMETERS)

    with pytest.raises(VarnishError, match="varnishd exited"):
        edge.start()
    assert edge.pid is None
    assert edge.work_dir is None


def test_main_runs_in_the_foreground_until_sigterm(varnish_installed, app):
    app.page("/main/", "<p>Served</p>")
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "masthead.edge.varnish", "--listen", "127.0.0.1:0"),
            *("--backend", app.address, "--storage", "malloc,16m"),
        ],
        cwd=REPO,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        announced = process.stderr.readline()
        url = re.search(r"Varnish on (http://\S+)", announced).group(1)
        assert requests.get(url + "/main/", timeout=10).status_code == 200

        process.send_signal(signal.SIGTERM)

        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    with pytest.raises(requests.ConnectionError):
        requests.get(url + "/main/", timeout=2)
