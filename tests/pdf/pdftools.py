"""Reading PDFs as a person would: pages rendered to pixels (pdftoppm), text (pdftotext), and where
each character lies on its page (pdfplumber)."""

import io
import re
import subprocess
import tempfile
from pathlib import Path

import pdfplumber
from PIL import Image


def pdf_text(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def pdf_words(content: bytes) -> str:
    """The text in drawing order with whitespace collapsed, so that a value wrapped inside a table
    cell reads as one phrase."""
    raw = subprocess.run(["pdftotext", "-raw", "-", "-"], input=content, capture_output=True, check=True)
    return " ".join(raw.stdout.decode().split())


def page_ink(content: bytes) -> list[float]:
    """For each page, the share of pixels that are not white (rendered at 30 dpi in grey)."""
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "doc.pdf"
        pdf.write_bytes(content)
        subprocess.run(
            ["pdftoppm", "-png", "-gray", "-r", "30", str(pdf), str(Path(tmp) / "page")], check=True
        )
        shares = []
        for png in sorted(Path(tmp).glob("page*.png")):
            image = Image.open(png).convert("L")
            pixels = image.tobytes()
            shares.append(sum(1 for p in pixels if p < 200) / len(pixels))
        return shares


def assert_pages_not_blank(content: bytes, min_pages: int = 1) -> None:
    assert content.startswith(b"%PDF-")
    ink = page_ink(content)
    assert len(ink) >= min_pages
    for number, share in enumerate(ink, start=1):
        # An empty A4 page has no ink at all; the running header and footer alone stay under 0.1 %.
        assert share > 0.001, f"page {number} is blank ({share:.4f} ink)"
        lines = [line for line in page_text(content, number).splitlines() if line.strip()]
        assert len(lines) > 3, f"page {number} holds only its header and footer: {lines}"


def page_text(content: bytes, number: int) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-f", str(number), "-l", str(number), "-", "-"],
        input=content,
        capture_output=True,
        check=True,
    ).stdout.decode()


def page_count(content: bytes) -> int:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return len(pdf.pages)


def chars_outside_page(content: bytes) -> list[str]:
    """Every character drawn (partly) outside its page box, as "page N: 'c' at x0,top"."""
    outside = []
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for char in page.chars:
                if (
                    char["x0"] < 0
                    or char["x1"] > page.width
                    or char["top"] < 0
                    or char["bottom"] > page.height
                ):
                    outside.append(f"page {number}: {char['text']!r} at {char['x0']:.0f},{char['top']:.0f}")
    return outside


SCIENTIFIC = re.compile(r"\b\d+(?:[.,]\d+)?[eE][+-]?\d+\b")


def scientific_numbers(text: str) -> list[str]:
    """Numbers printed in scientific notation ("4.725e+10"), which no reader of a report expects."""
    return SCIENTIFIC.findall(text)
