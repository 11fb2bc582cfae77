"""`workbook batch`: one packet per row, bad rows reported by number, safe owner-only files."""

from __future__ import annotations

import pypdf
import pytest
from click.testing import CliRunner

from workbook.cli import main
from workbook.commands.clients_file import safe_name

CSV = (
    "client,clinician,date,documents\n"
    "Ada Example,Dr. Rivera,2026-02-03,welcome intention-worksheet\n"  # row 2
    ",Dr. Rivera,2026-02-03,\n"  # row 3: no client
    "../../Etc/Passwd\x07,,2026-13-01,welcome\n"  # row 4: bad date
    "Bea Sample,,2026-02-04,welcome;welcom\n"  # row 5: unknown document
    "Ada Example,,,welcome\n"  # row 6: same name as row 2
    "Zoë Ñandú/..\\x,,2026-02-05,welcome\n"  # row 7
)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("batch")
    (tmp / "clients.csv").write_text(CSV, encoding="utf-8")
    result = run("batch", tmp / "clients.csv", "-o", tmp / "out", "--jobs", "2")
    return tmp, result


def test_bad_rows_are_reported_by_number_and_the_rest_are_built(batch):
    tmp, result = batch
    assert result.exit_code == 1
    err = result.stderr
    assert "clients.csv:3: missing client name" in err
    assert "clients.csv:4: the date is not a date; write it as YYYY-MM-DD" in err and "2026-13-01" not in err
    assert "clients.csv:5: unknown document 'welcom' in the documents column; did you mean 'welcome'?" in err
    assert err.strip().endswith("; 3 rows failed.") and "3 packets written to" in err
    assert sorted(p.name for p in (tmp / "out").iterdir()) == ["ada-example-row6.pdf", "ada-example.pdf", "zoe-nandu-x.pdf"]


def test_packets_are_owner_only_and_names_stay_out_of_messages(batch):
    tmp, result = batch
    for packet in (tmp / "out").iterdir():
        assert packet.stat().st_mode & 0o777 == 0o600
    for name in ("Ada", "Bea", "Zoë", "Passwd"):
        assert name not in result.stderr
    assert result.stdout.split() == [str(tmp / "out" / n) for n in ("ada-example.pdf", "ada-example-row6.pdf", "zoe-nandu-x.pdf")]


def test_each_packet_is_for_its_client_with_its_documents(batch):
    tmp, _ = batch
    reader = pypdf.PdfReader(tmp / "out" / "ada-example.pdf")
    assert "Prepared for Ada Example" in reader.pages[0].extract_text()
    assert "Your clinician: Dr. Rivera" in reader.pages[0].extract_text()
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles[2:] == ["Welcome to Your Workbook", "Setting Your Intentions"]
    assert reader.get_fields()["intention-worksheet.about.name"]["/V"] == "Ada Example"
    assert "Prepared for Zoë Ñandú/..\\x" in pypdf.PdfReader(tmp / "out" / "zoe-nandu-x.pdf").pages[0].extract_text()


def test_parallel_and_serial_packets_are_identical(batch, tmp_path):
    tmp, _ = batch
    run("batch", tmp / "clients.csv", "-o", tmp_path, "--jobs", "1")
    for packet in (tmp / "out").iterdir():
        assert (tmp_path / packet.name).read_bytes() == packet.read_bytes()


@pytest.mark.parametrize("name, stem", [
    ("Ada Example", "ada-example"), ("../../etc/passwd", "etc-passwd"), ("a\x00b\nc\x1b", "a-b-c"),
    ("C:\\Users\\x", "c-users-x"), ("李小龍", "client"), ("...", "client"), ("x" * 200, "x" * 60),
])
def test_safe_names(name, stem):
    assert safe_name(name) == stem


def test_a_clients_file_without_a_client_column_is_refused(tmp_path):
    (tmp_path / "c.csv").write_text("name,clinican\nAda,Dr. R\n")
    result = run("batch", tmp_path / "c.csv", "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "c.csv:1:1: column 2 is not one of the columns; did you mean 'clinician'?" in result.output
    assert "c.csv:1:1: no 'client' column" in result.output
    assert not (tmp_path / "out").exists()
