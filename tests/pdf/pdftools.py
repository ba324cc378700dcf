"""Reading PDFs as a person would: pages rendered to pixels (pdftoppm), text (pdftotext) and where each
character lies on its page (pdfplumber)."""

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


def qr_codes_on_page(content: bytes, number: int = 1, dpi: int = 150) -> list[str]:
    """The texts of the QR codes a camera would read on page `number`: the page rendered to pixels by
    pdftoppm, decoded by zxing-cpp."""
    import zxingcpp

    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "doc.pdf"
        pdf.write_bytes(content)
        subprocess.run(
            ["pdftoppm", "-png", "-gray", "-r", str(dpi), "-f", str(number), "-l", str(number),
             "-singlefile", str(pdf), str(Path(tmp) / "page")],
            check=True,
        )  # fmt: skip
        image = Image.open(Path(tmp) / "page.png")
        return [code.text for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


# A number printed the way Python writes large floats (4.725e+10, 1E9, 3,2e-05), standing on its own:
# not the inside of a random verification code or a hash that happens to hold a digit, an "e" and
# digits (with such codes on every page, the check failed now and then).
SCIENTIFIC = re.compile(r"(?<![\w-])\d(?:[.,]\d+)?[eE][+-]?\d+(?![\w-])")


def chars_outside_page(content: bytes) -> list[str]:
    """Every character (pdfplumber) that does not lie wholly inside its page's box, as "page: char"."""
    outside = []
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            x0, top, x1, bottom = page.bbox
            for char in page.chars:
                inside = (
                    char["x0"] >= x0 - 0.5
                    and char["x1"] <= x1 + 0.5
                    and char["top"] >= top - 0.5
                    and char["bottom"] <= bottom + 0.5
                )
                if not inside:
                    outside.append(f"{number}: {char['text']!r} at {char['x0']:.0f},{char['top']:.0f}")
    return outside


def page_sizes(content: bytes) -> list[tuple[float, float]]:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return [(round(page.width), round(page.height)) for page in pdf.pages]


def overlapping_words(content: bytes) -> list[str]:
    """Pairs of words drawn over one another on a page (a cell's text running into its neighbour's)."""
    found = []
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            words = page.extract_words()
            for i, a in enumerate(words):
                for b in words[i + 1 :]:
                    if (
                        min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > 1
                        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 1
                    ):
                        found.append(f"{number}: {a['text']!r} over {b['text']!r}")
    return found


def page_count(content: bytes) -> int:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return len(pdf.pages)


def scientific_numbers(text: str) -> list[str]:
    """Numbers printed in scientific notation ("4.725e+10"), which no reader of a report expects."""
    return SCIENTIFIC.findall(text)


def letterhead_text(content: bytes) -> str:
    """The words of the first page's letterhead (its top left, left of the verification block), on one
    line: a wrapped unit name reads as one phrase."""
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        page = pdf.pages[0]
        box = page.crop((0, 0, page.width * 0.55, page.height * 0.15))
        return " ".join((box.extract_text() or "").split())
