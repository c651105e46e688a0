"""The suite's rule that a test which prints fails (``tests/no_printing.py``)."""

from pathlib import Path

pytest_plugins = ["pytester"]

HOOK = Path(__file__).with_name("no_printing.py").read_text()


def test_a_test_that_prints_fails(pytester, capsys):
    pytester.makeconftest(HOOK)
    pytester.makepyfile(
        """
        def test_quiet():
            assert True

        def test_prints():
            print("left over from debugging")
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:django", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*test_prints*the test printed*"])
    capsys.readouterr()  # pytester echoes the inner run; that is not this test printing
